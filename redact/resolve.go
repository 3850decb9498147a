package redact

import (
	"cmp"
	"slices"
)

// resolve picks the non-overlapping candidates to redact from cands (sorted
// by start) and returns them sorted by start. Within each cluster of
// transitively overlapping candidates it takes them greedily in rank order:
// the longest first, then the highest score, then the lowest detector
// priority, then the detector name, then the earliest start.
func (s *Stream) resolve(cands []Candidate) []Candidate {
	sel := s.sel[:0]
	// Open candidates reach this only in a forced cut; they are not final.
	k := 0
	for _, c := range cands {
		if !c.Open {
			cands[k] = c
			k++
		}
	}
	cands = cands[:k]
	for i := 0; i < len(cands); {
		j, end := i+1, cands[i].End
		for j < len(cands) && cands[j].Start < end {
			end = max(end, cands[j].End)
			j++
		}
		if j == i+1 {
			sel = append(sel, cands[i])
		} else {
			sel = s.resolveCluster(sel, cands[i:j])
		}
		i = j
	}
	s.sel = sel
	return sel
}

// resolveCluster appends the winners of one cluster to sel. It reorders cluster.
func (s *Stream) resolveCluster(sel []Candidate, cluster []Candidate) []Candidate {
	infos := s.eng.infos
	slices.SortFunc(cluster, func(a, b Candidate) int {
		if c := cmp.Compare(b.End-b.Start, a.End-a.Start); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		ia, ib := &infos[a.detector], &infos[b.detector]
		if c := cmp.Compare(ia.Priority, ib.Priority); c != 0 {
			return c
		}
		if c := cmp.Compare(ia.Name, ib.Name); c != 0 {
			return c
		}
		return cmp.Compare(a.Start, b.Start)
	})
	base := len(sel)
	for _, c := range cluster {
		// sel[base:] is sorted by start and non-overlapping.
		won := sel[base:]
		k, _ := slices.BinarySearchFunc(won, c.Start, func(x Candidate, start int) int { return cmp.Compare(x.Start, start) })
		if k > 0 && won[k-1].End > c.Start || k < len(won) && won[k].Start < c.End {
			continue
		}
		sel = slices.Insert(sel, base+k, c)
	}
	return sel
}
