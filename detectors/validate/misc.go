package validate

// CASIN reports whether digits is a Canadian Social Insurance Number: 9
// digits, the first not 0 or 8, passing the Luhn check (Employment and
// Social Development Canada; as python-stdnum ca.sin).
func CASIN(digits []byte) bool {
	return len(digits) == 9 && digits[0] != '0' && digits[0] != '8' && Luhn(digits)
}

// verhoeffD is the multiplication table of the dihedral group D5.
var verhoeffD = [10][10]uint8{
	{0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
	{1, 2, 3, 4, 0, 6, 7, 8, 9, 5},
	{2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
	{3, 4, 0, 1, 2, 8, 9, 5, 6, 7},
	{4, 0, 1, 2, 3, 9, 5, 6, 7, 8},
	{5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
	{6, 5, 9, 8, 7, 1, 0, 4, 3, 2},
	{7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
	{8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
	{9, 8, 7, 6, 5, 4, 3, 2, 1, 0},
}

// verhoeffP is the Verhoeff position permutation table (row i is the
// permutation applied to the i-th digit from the right, mod 8).
var verhoeffP = [8][10]uint8{
	{0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
	{1, 5, 7, 6, 2, 8, 3, 0, 9, 4},
	{5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
	{8, 9, 1, 6, 0, 4, 3, 5, 2, 7},
	{9, 4, 5, 3, 1, 2, 6, 8, 7, 0},
	{4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
	{2, 7, 9, 3, 8, 0, 6, 4, 1, 5},
	{7, 0, 4, 6, 9, 1, 3, 2, 5, 8},
}

// Verhoeff reports whether digits (at least 2 ASCII digits) pass the
// Verhoeff check (Verhoeff 1969, dihedral group D5; used by Aadhaar).
func Verhoeff(digits []byte) bool {
	if len(digits) < 2 {
		return false
	}
	c := uint8(0)
	for i := 0; i < len(digits); i++ {
		d := digits[len(digits)-1-i] - '0'
		if d > 9 {
			return false
		}
		c = verhoeffD[c][verhoeffP[i&7][d]]
	}
	return c == 0
}
