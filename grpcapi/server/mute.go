package server

import (
	"slices"

	pb "redactor/grpcapi/redactor/v1"
)

// audioSpans returns the audio of the original span [start, end): for each
// channel, from the start of the first word that overlaps it to the end of
// the last. A span that overlaps no word (it lies between words) gets the gap
// between the word before it and the word after it, when both are known.
func (st *streamState) audioSpans(start, end int64) []*pb.AudioSpan {
	var spans []*pb.AudioSpan
	add := func(ch uint32, s, e int64) {
		for _, sp := range spans {
			if sp.Channel == ch {
				sp.StartMs, sp.EndMs = min(sp.StartMs, s), max(sp.EndMs, e)
				return
			}
		}
		spans = append(spans, &pb.AudioSpan{Channel: ch, StartMs: s, EndMs: e})
	}
	var before, after *word
	if st.havePrev && st.prevWord.end <= start {
		before = &st.prevWord
	}
	for i := range st.words {
		w := &st.words[i]
		switch {
		case w.end <= start:
			before = w
		case w.start >= end:
			if after == nil {
				after = w
			}
		default:
			add(w.channel, w.startMs, w.endMs)
		}
	}
	if spans == nil && before != nil && after != nil {
		add(before.channel, before.endMs, max(before.endMs, after.startMs))
		add(after.channel, before.endMs, max(before.endMs, after.startMs))
	}
	return spans
}

// muteRanges turns the audio spans of ents into mute ranges: padded by padMs
// (not below 0), sorted per channel, merged when closer than gapMs, and
// clipped so that they never overlap a range sent earlier on the stream (a
// range that starts within gapMs of the previous one starts where that ended,
// so the muted audio stays continuous).
func (st *streamState) muteRanges(ents []*pb.Entity) []*pb.MuteRange {
	var rs []*pb.MuteRange
	for i, e := range ents {
		for _, sp := range e.AudioSpans {
			rs = append(rs, &pb.MuteRange{
				Channel: sp.Channel, StartMs: max(0, sp.StartMs-st.padMs), EndMs: sp.EndMs + st.padMs,
				EntityIndexes: []uint32{uint32(i)},
			})
		}
	}
	if len(rs) == 0 {
		return nil
	}
	slices.SortFunc(rs, func(a, b *pb.MuteRange) int {
		if a.Channel != b.Channel {
			return int(a.Channel) - int(b.Channel)
		}
		return int(a.StartMs - b.StartMs)
	})
	merged := rs[:1]
	for _, r := range rs[1:] {
		last := merged[len(merged)-1]
		if r.Channel == last.Channel && r.StartMs <= last.EndMs+st.gapMs {
			last.EndMs = max(last.EndMs, r.EndMs)
			for _, k := range r.EntityIndexes {
				if !slices.Contains(last.EntityIndexes, k) {
					last.EntityIndexes = append(last.EntityIndexes, k)
				}
			}
			continue
		}
		merged = append(merged, r)
	}
	if st.lastMute == nil {
		st.lastMute = map[uint32]int64{}
	}
	out := merged[:0]
	for _, r := range merged {
		if prev, ok := st.lastMute[r.Channel]; ok {
			if r.EndMs <= prev {
				continue
			}
			if r.StartMs < prev+st.gapMs {
				r.StartMs = prev
			}
		}
		st.lastMute[r.Channel] = r.EndMs
		out = append(out, r)
	}
	return out
}
