module redactor

go 1.26
