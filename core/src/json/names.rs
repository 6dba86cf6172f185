//! The duplicate-name check of a large top-level object by sorting: each
//! member's name is noted in a caller-sized area as it is read, and once
//! the reading stops the names are sorted (in place, no allocation) and
//! neighbours compared, O(n log n) comparisons for n members where walking
//! the object again for every name costs O(n^2).

use core::cmp::Ordering;

use super::scan::name_content;

/// One member name, as [`parse_with_scratch`](super::parse_with_scratch)
/// notes it: where it lies in the document. Eight bytes; make an area of
/// them with [`NameSlot::EMPTY`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NameSlot {
    /// The name's first byte (after its opening quote).
    start: u32,
    /// Its end (before the closing quote), with [`ESCAPED`] set when the
    /// name holds escapes.
    end: u32,
}

/// The bit of [`NameSlot::end`] that says the name holds escapes.
const ESCAPED: u32 = 1 << 31;

impl NameSlot {
    /// A slot noting nothing yet.
    pub const EMPTY: NameSlot = NameSlot { start: 0, end: 0 };

    /// The raw name in `doc` and whether it holds escapes.
    fn name<'a>(&self, doc: &'a [u8]) -> (&'a [u8], bool) {
        let range = self.start as usize..(self.end & !ESCAPED) as usize;
        (doc.get(range).unwrap_or_default(), self.end & ESCAPED != 0)
    }
}

/// The names of one object noted so far.
pub(crate) struct Names<'s> {
    slots: &'s mut [NameSlot],
    len: usize,
}

impl<'s> Names<'s> {
    /// Notes names in `slots`, for a document of `doc_len` bytes (whose
    /// offsets must fit a slot: below 2 GiB; past that nothing is noted).
    pub(crate) fn new(slots: &'s mut [NameSlot], doc_len: usize) -> Self {
        let fits = u32::try_from(doc_len).is_ok_and(|len| len < ESCAPED);
        let slots = if fits { slots } else { &mut [] };
        Names { slots, len: 0 }
    }

    /// Notes the name between `start` and `end`; `false` when the area is
    /// full (the caller then checks that name another way).
    pub(crate) fn push(&mut self, start: usize, end: usize, escaped: bool) -> bool {
        let (Some(slot), Ok(start), Ok(end)) = (
            self.slots.get_mut(self.len),
            u32::try_from(start),
            u32::try_from(end),
        ) else {
            return false;
        };
        *slot = NameSlot {
            start,
            end: end | if escaped { ESCAPED } else { 0 },
        };
        self.len += 1;
        true
    }

    /// Whether two of the noted names are equal (after unescaping): sorts
    /// them, then compares neighbours.
    pub(crate) fn has_duplicate(&mut self, doc: &[u8]) -> bool {
        let Some(noted) = self.slots.get_mut(..self.len) else {
            return false;
        };
        noted.sort_unstable_by(|a, b| order(doc, a, b));
        noted
            .windows(2)
            .any(|pair| matches!(pair, [a, b] if order(doc, a, b) == Ordering::Equal))
    }
}

/// Orders two names by their content (escapes resolved), bytewise: equal
/// exactly when [`names_equal`](super::names_equal) says so.
fn order(doc: &[u8], a: &NameSlot, b: &NameSlot) -> Ordering {
    let ((a, a_escaped), (b, b_escaped)) = (a.name(doc), b.name(doc));
    if !a_escaped && !b_escaped {
        return a.cmp(b);
    }
    name_content(a, a_escaped).cmp(name_content(b, b_escaped))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::names_equal;

    /// The order agrees with `names_equal` on names written both ways.
    #[test]
    fn order_agrees_with_names_equal() {
        let doc =
            r#"["A","\u0041","B","a\\b","a\u005cb","\ud83d\ude00","\u00e9","é","",""]"#.as_bytes();
        // The strings' contents: (start, end, escaped).
        let mut spans = [(0usize, 0usize, false); 10];
        let mut n = 0;
        let mut i = 0;
        while i < doc.len() {
            if doc[i] == b'"' {
                let mut j = i + 1;
                let mut escaped = false;
                while doc[j] != b'"' {
                    if doc[j] == b'\\' {
                        escaped = true;
                        j += 1;
                    }
                    j += 1;
                }
                spans[n] = (i + 1, j, escaped);
                n += 1;
                i = j;
            }
            i += 1;
        }
        assert_eq!(n, 10);
        let slot = |(s, e, esc): (usize, usize, bool)| NameSlot {
            start: s as u32,
            end: e as u32 | if esc { ESCAPED } else { 0 },
        };
        for &x in &spans {
            for &y in &spans {
                let (a, b) = (&doc[x.0..x.1], &doc[y.0..y.1]);
                let equal = names_equal(a, x.2, b, y.2);
                let ordered = order(doc, &slot(x), &slot(y));
                assert_eq!(equal, ordered == Ordering::Equal, "{x:?} {y:?}");
                assert_eq!(ordered, order(doc, &slot(y), &slot(x)).reverse());
            }
        }
    }

    /// A full area notes nothing more; a document too long for a slot's
    /// offsets notes nothing.
    #[test]
    fn a_full_area_says_so() {
        let mut slots = [NameSlot::EMPTY; 2];
        let mut names = Names::new(&mut slots, 100);
        assert!(names.push(1, 2, false) && names.push(5, 7, true));
        assert!(!names.push(9, 10, false));
        let mut slots = [NameSlot::EMPTY; 2];
        assert!(!Names::new(&mut slots, 1 << 31).push(1, 2, false));
    }
}
