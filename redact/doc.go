// Package redact is the streaming redaction engine: it finds personal data in a
// stream of text with a set of detectors, replaces it with an operator, and
// reports every replaced span with its offsets in the original and redacted
// stream.
//
// # Design
//
// An Engine is compiled once from detectors and is immutable, so any number of
// Streams may share it. A Stream redacts one transcript. Its core is Transform,
// which follows golang.org/x/text/transform's contract: the caller owns dst and
// src, Transform consumes the prefix of src whose redaction is final and leaves
// the rest unconsumed, and the caller appends the next chunk to that rest.
// Stream.Write and Stream.Close wrap this for callers that push chunks.
//
// Detectors are local: a candidate span [start, end) depends only on the bytes
// from start-1 to end (inclusive), and no detector reports a span longer than
// its MaxLen. One pass over the text finds triggers (digit runs, '@') and
// hands each trigger only to the detectors that want it, so the cost of a pass
// does not grow with the number of detectors.
//
// The commit point of a window is the earliest position from which an entity
// could still grow into unseen text (the trailing word, an open digit chain,
// each bounded by the detectors' MaxLen), moved back to the start of any
// candidate that straddles it. Every candidate that starts before the commit
// point is then fully visible, and so is every candidate it overlaps, so the
// overlap resolution of the committed part equals that of the whole text. That
// is why the output does not depend on how the stream was split into chunks.
//
// Overlapping candidates resolve greedily, by length (longest first), then
// score, then detector priority, then detector name, then position, so the
// output never depends on map order or on the order detectors ran.
//
// Invalid UTF-8 stops the stream with an *InputError that gives the byte
// offset; nothing of the window that contained it is written.
package redact
