package server

import (
	"unicode"
	"unicode/utf8"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	pb "redactor/grpcapi/redactor/v1"
	"redactor/redact"
)

// preview redacts the held text followed by an interim hypothesis without
// touching the stream.
//
// A second engine stream (st.ps) is fed the left context (final text), the
// held text and the interim text, without the end of stream. What it writes
// is, by chunk invariance, exactly what the real stream would write for that
// text whatever follows; what it holds back could still become (part of) an
// entity, so the preview shows that tail with every letter and digit
// masked. So a preview never shows a value the final would redact, as long as
// the final text begins with the interim text.
func (st *streamState) preview(interim string) (*pb.InterimPreview, error) {
	if st.ps == nil {
		ps, err := st.snap.Engine.NewStream(st.cfg)
		if err != nil {
			return nil, status.Error(codes.Internal, "preview stream: "+err.Error())
		}
		st.ps = ps
	}
	ps := st.ps
	ps.Reset()
	ps.ClearEntities()
	ps.InheritOperatorState(st.es) // label numbers as the final will give them
	ctxLen := st.doneIn - st.uncStart
	src := append(append(st.pbuf[:0], st.unc...), interim...)
	st.pbuf = src
	out, err := ps.Write(st.pout[:0], src)
	st.pout = out
	if err != nil {
		return nil, inputError(shift(err, st.uncStart), "interim chunk")
	}
	stableIn, _ := ps.Offsets()
	p := &pb.InterimPreview{RedactedStart: st.doneOut}
	var text []byte
	if stableIn < ctxLen {
		text = appendMasked(nil, src[ctxLen:])
	} else {
		ents := ps.Entities()
		rs := redact.NewOffsetMap(ents).ToRedacted(ctxLen)
		text = append(text, out[rs:]...)
		p.MaskedFrom = uint32(len(text))
		text = appendMasked(text, src[stableIn:])
		for _, e := range ents {
			if e.End <= ctxLen {
				continue
			}
			p.Entities = append(p.Entities, &pb.Entity{
				Type: e.Type, Detector: e.Detector, Score: e.Score,
				Start: st.uncStart + e.Start, End: st.uncStart + e.End,
				RedactedStart: st.doneOut + e.RedactedStart - rs, RedactedEnd: st.doneOut + e.RedactedEnd - rs,
			})
		}
	}
	p.Text = string(text)
	return p, nil
}

// appendMasked appends b with every letter and digit replaced by '*'.
func appendMasked(dst, b []byte) []byte {
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			dst = append(dst, '*')
		} else {
			dst = append(dst, b[:n]...)
		}
		b = b[n:]
	}
	return dst
}
