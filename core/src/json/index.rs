//! Where the top-level members of an object lie, noted by the pass that
//! validates it, so that reading a member afterwards compares names and
//! never parses again.

use super::scan::names_equal;
use super::{JsonStr, Value};

/// Members a [`MemberIndex`] remembers. An object with more is still read
/// whole; lookups of the members past this many scan the object.
pub const INDEX_CAPACITY: usize = 32;

const _: () = assert!(INDEX_CAPACITY <= 32, "one escape bit per member");

/// Length in `u16` words of a [`MemberIndex`]'s portable form
/// ([`MemberIndex::to_words`]): four per member, then the escape bits, the
/// count and the completeness flag.
pub const INDEX_WORDS: usize = 4 * INDEX_CAPACITY + 4;

/// Where the words after the spans sit.
const SPAN_WORDS: usize = 4 * INDEX_CAPACITY;
const ESCAPED_LOW: usize = SPAN_WORDS;
const ESCAPED_HIGH: usize = SPAN_WORDS + 1;
const LEN: usize = SPAN_WORDS + 2;
const COMPLETE: usize = SPAN_WORDS + 3;

/// The top-level members of one JSON object, as offsets into its bytes.
///
/// Filled by the reading pass ([`crate::jwt::verify`] keeps one for the
/// claims set of every verified token); [`MemberIndex::get`] then finds a
/// member by comparing names only. Members the index could not hold (past
/// [`INDEX_CAPACITY`], or beyond 64 KiB into the document) are found by
/// scanning, so a lookup always answers as [`Value::get`] does.
///
/// The index is its portable form, [`INDEX_WORDS`] 16-bit words that a C
/// caller carries ([`MemberIndex::to_words`], [`MemberIndex::lookup`]):
/// four per member (name start and end, between the quotes; value start
/// and end), then the escape bits (bit `i`: name `i` holds escapes), the
/// count and the completeness flag. It holds offsets, not references: it
/// must be used with the very bytes it was filled from. Handed other
/// bytes, or words that were never an index, it answers nonsense, but
/// never panics or reads out of bounds.
///
/// An object of more members than [`INDEX_CAPACITY`] is indexed up to it,
/// and its later members are still found:
///
/// ```
/// use jeton::json::INDEX_CAPACITY;
/// use jeton::jwt::{self, Claims, JwtKey, KeySet, Validation};
///
/// let names: Vec<String> = (0..40).map(|i| format!("c{i}")).collect();
/// let mut claims = Claims::<40>::with_capacity().expires_at(2_000);
/// for (i, name) in names.iter().enumerate() {
///     claims = claims.integer(name, i as i64);
/// }
/// let key = JwtKey::hs256(b"a secret of at least 32 bytes....")?;
/// let mut token = [0u8; 1024];
/// let n = jwt::encode(&key, &claims, &mut token)?;
/// let keys: KeySet<1> = KeySet::with_key(key)?;
/// let mut buf = [0u8; 1024];
/// let verified = jwt::verify(&token[..n], &keys, &Validation::new(1_000), &mut buf)?;
///
/// let index = verified.claims_index();
/// assert_eq!((index.len(), index.is_complete()), (INDEX_CAPACITY, false));
/// // "exp", then c0 to c30 are indexed; c39 is found by scanning.
/// assert_eq!(index.get(verified.claims().raw(), b"c39").map(|v| v.as_i64()), Some(Ok(39)));
/// # Ok::<(), jeton::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct MemberIndex {
    words: [u16; INDEX_WORDS],
}

impl core::fmt::Debug for MemberIndex {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("MemberIndex")
            .field("len", &self.len())
            .field("complete", &self.is_complete())
            .finish()
    }
}

impl Default for MemberIndex {
    fn default() -> Self {
        Self::new()
    }
}

/// The members' spans and the words after them.
fn split(words: &[u16; INDEX_WORDS]) -> (&[u16], &[u16]) {
    words.split_at(SPAN_WORDS)
}

/// The number of members `words` index (at most the capacity).
fn count(words: &[u16; INDEX_WORDS]) -> usize {
    usize::from(words.get(LEN).copied().unwrap_or(0)).min(INDEX_CAPACITY)
}

fn escape_bits(words: &[u16; INDEX_WORDS]) -> u32 {
    let (_, tail) = split(words);
    match tail {
        [low, high, ..] => u32::from(*low) | u32::from(*high) << 16,
        _ => 0,
    }
}

impl MemberIndex {
    /// An index of no member, which knows it may be missing some: lookups
    /// through it scan.
    ///
    /// ```
    /// use jeton::json::{self, MemberIndex};
    /// let doc = br#"{"a":1,"b":2}"#;
    /// json::parse(doc)?;
    /// let index = MemberIndex::new();
    /// assert!(index.is_empty() && !index.is_complete());
    /// assert_eq!(index.get(doc, b"b").map(|v| v.raw()), Some(&b"2"[..]));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub const fn new() -> Self {
        MemberIndex {
            words: [0; INDEX_WORDS],
        }
    }

    /// The index in its portable form, for a C caller to carry.
    ///
    /// ```
    /// # use jeton::jwt::{self, Claims, JwtKey, KeySet, Validation};
    /// # use jeton::json::MemberIndex;
    /// # let key = JwtKey::hs256(b"a secret of at least 32 bytes....")?;
    /// # let mut token = [0u8; 512];
    /// # let claims = Claims::new().subject("user-42").expires_at(2_000).string("role", "admin");
    /// # let n = jwt::encode(&key, &claims, &mut token)?;
    /// # let keys: KeySet<1> = KeySet::with_key(key)?;
    /// # let mut buf = [0u8; 512];
    /// # let verified = jwt::verify(&token[..n], &keys, &Validation::new(1_000), &mut buf)?;
    /// // A verified token whose claims are {"sub":"user-42","exp":2000,"role":"admin"}.
    /// let (claims, index) = (verified.claims().raw(), verified.claims_index());
    /// let words = index.to_words();
    /// assert_eq!(words.len(), jeton::json::INDEX_WORDS);
    /// // The first member, "sub": its name lies at 2..5 (between the
    /// // quotes), its value at 7..16.
    /// assert_eq!(words[..4], [2, 5, 7, 16]);
    /// assert_eq!(MemberIndex::from_words(&words), *index);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub const fn to_words(&self) -> [u16; INDEX_WORDS] {
        self.words
    }

    /// An index from its portable form. Any words are accepted: words that
    /// were never an index only give wrong answers.
    ///
    /// ```
    /// # use jeton::jwt::{self, Claims, JwtKey, KeySet, Validation};
    /// # use jeton::json::MemberIndex;
    /// # let key = JwtKey::hs256(b"a secret of at least 32 bytes....")?;
    /// # let mut token = [0u8; 512];
    /// # let claims = Claims::new().subject("user-42").expires_at(2_000).string("role", "admin");
    /// # let n = jwt::encode(&key, &claims, &mut token)?;
    /// # let keys: KeySet<1> = KeySet::with_key(key)?;
    /// # let mut buf = [0u8; 512];
    /// # let verified = jwt::verify(&token[..n], &keys, &Validation::new(1_000), &mut buf)?;
    /// // A verified token whose claims are {"sub":"user-42","exp":2000,"role":"admin"}.
    /// let (claims, index) = (verified.claims().raw(), verified.claims_index());
    /// let copy = MemberIndex::from_words(&index.to_words());
    /// assert_eq!(copy.get(claims, b"role").map(|v| v.raw()), Some(&br#""admin""#[..]));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub const fn from_words(words: &[u16; INDEX_WORDS]) -> Self {
        MemberIndex { words: *words }
    }

    fn set(&mut self, at: usize, value: u16) {
        if let Some(word) = self.words.get_mut(at) {
            *word = value;
        }
    }

    /// Starts over for a new object.
    pub(crate) fn reset(&mut self) {
        self.set(ESCAPED_LOW, 0);
        self.set(ESCAPED_HIGH, 0);
        self.set(LEN, 0);
        self.set(COMPLETE, 1);
    }

    /// Notes a member whose `name` (between its quotes) and `value` lie in
    /// `doc`; a member that does not fit makes the index incomplete.
    pub(crate) fn note(&mut self, doc: &[u8], name: &[u8], escaped: bool, value: &[u8]) {
        let span = (|| {
            Some([
                offset(doc, name)?,
                end(doc, name)?,
                offset(doc, value)?,
                end(doc, value)?,
            ])
        })();
        match span {
            Some(span) => self.push(span, escaped),
            None => self.set(COMPLETE, 0),
        }
    }

    /// Notes the member of index `at` at these offsets (name between its
    /// quotes, no escapes), without counting it: the fast reader counts
    /// its members itself and sets the count with [`MemberIndex::set_len`]
    /// (past the capacity, nothing is written).
    #[cfg(feature = "fast-claims")]
    #[inline(always)]
    pub(crate) fn put(&mut self, at: usize, span: [u16; 4]) {
        if let Some(slot) = self.words.get_mut(4 * at..4 * at + 4) {
            slot.copy_from_slice(&span);
        }
    }

    /// Sets the number of members noted by [`MemberIndex::put`] (at most
    /// the capacity).
    #[cfg(feature = "fast-claims")]
    #[inline(always)]
    pub(crate) fn set_len(&mut self, len: usize) {
        self.set(LEN, len.min(INDEX_CAPACITY) as u16);
    }

    /// Notes a member at these offsets (name between its quotes); a
    /// member past the capacity makes the index incomplete.
    #[inline(always)]
    pub(crate) fn push(&mut self, span: [u16; 4], escaped: bool) {
        let at = count(&self.words);
        let room = at < INDEX_CAPACITY && self.is_complete();
        match self.words.get_mut(4 * at..4 * at + 4) {
            Some(slot) if room => {
                slot.copy_from_slice(&span);
                if escaped {
                    let bits = escape_bits(&self.words) | 1 << at;
                    self.set(ESCAPED_LOW, bits as u16);
                    self.set(ESCAPED_HIGH, (bits >> 16) as u16);
                }
                self.set(LEN, at as u16 + 1);
            }
            _ => self.set(COMPLETE, 0),
        }
    }

    /// Whether every member of the object is indexed (lookups never scan);
    /// see the type's example for one that is not.
    ///
    /// ```
    /// # use jeton::jwt::{self, Claims, JwtKey, KeySet, Validation};
    /// # use jeton::json::MemberIndex;
    /// # let key = JwtKey::hs256(b"a secret of at least 32 bytes....")?;
    /// # let mut token = [0u8; 512];
    /// # let claims = Claims::new().subject("user-42").expires_at(2_000).string("role", "admin");
    /// # let n = jwt::encode(&key, &claims, &mut token)?;
    /// # let keys: KeySet<1> = KeySet::with_key(key)?;
    /// # let mut buf = [0u8; 512];
    /// # let verified = jwt::verify(&token[..n], &keys, &Validation::new(1_000), &mut buf)?;
    /// // A verified token whose claims are {"sub":"user-42","exp":2000,"role":"admin"}.
    /// let (claims, index) = (verified.claims().raw(), verified.claims_index());
    /// assert!(index.is_complete());
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn is_complete(&self) -> bool {
        self.words.get(COMPLETE).is_some_and(|&w| w != 0)
    }

    /// Number of members indexed.
    ///
    /// ```
    /// # use jeton::jwt::{self, Claims, JwtKey, KeySet, Validation};
    /// # use jeton::json::MemberIndex;
    /// # let key = JwtKey::hs256(b"a secret of at least 32 bytes....")?;
    /// # let mut token = [0u8; 512];
    /// # let claims = Claims::new().subject("user-42").expires_at(2_000).string("role", "admin");
    /// # let n = jwt::encode(&key, &claims, &mut token)?;
    /// # let keys: KeySet<1> = KeySet::with_key(key)?;
    /// # let mut buf = [0u8; 512];
    /// # let verified = jwt::verify(&token[..n], &keys, &Validation::new(1_000), &mut buf)?;
    /// // A verified token whose claims are {"sub":"user-42","exp":2000,"role":"admin"}.
    /// let (claims, index) = (verified.claims().raw(), verified.claims_index());
    /// assert_eq!(index.len(), 3);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn len(&self) -> usize {
        count(&self.words)
    }

    /// `true` when no member is indexed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The indexed members of `doc`, in order.
    ///
    /// ```
    /// # use jeton::jwt::{self, Claims, JwtKey, KeySet, Validation};
    /// # use jeton::json::MemberIndex;
    /// # let key = JwtKey::hs256(b"a secret of at least 32 bytes....")?;
    /// # let mut token = [0u8; 512];
    /// # let claims = Claims::new().subject("user-42").expires_at(2_000).string("role", "admin");
    /// # let n = jwt::encode(&key, &claims, &mut token)?;
    /// # let keys: KeySet<1> = KeySet::with_key(key)?;
    /// # let mut buf = [0u8; 512];
    /// # let verified = jwt::verify(&token[..n], &keys, &Validation::new(1_000), &mut buf)?;
    /// // A verified token whose claims are {"sub":"user-42","exp":2000,"role":"admin"}.
    /// let (claims, index) = (verified.claims().raw(), verified.claims_index());
    /// let names: Vec<_> = index.members(claims).filter_map(|(name, _)| name.as_plain()).collect();
    /// assert_eq!(names, ["sub", "exp", "role"]);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn members<'a, 's>(
        &'s self,
        doc: &'a [u8],
    ) -> impl Iterator<Item = (JsonStr<'a>, Value<'a>)> + use<'a, 's> {
        let escaped = escape_bits(&self.words);
        let (spans, _) = split(&self.words);
        spans
            .chunks_exact(4)
            .take(self.len())
            .enumerate()
            .filter_map(move |(i, span)| {
                let [name_start, name_end, value_start, value_end] = *span else {
                    return None;
                };
                let at = |a: u16, b: u16| doc.get(usize::from(a)..usize::from(b));
                Some((
                    JsonStr::new(at(name_start, name_end)?, escaped >> i & 1 == 1),
                    Value::from_validated(at(value_start, value_end)?),
                ))
            })
    }

    /// [`MemberIndex::get`] on an index in its portable form, without
    /// copying it: what the C ABI's claim getters call.
    ///
    /// ```
    /// # use jeton::jwt::{self, Claims, JwtKey, KeySet, Validation};
    /// # use jeton::json::MemberIndex;
    /// # let key = JwtKey::hs256(b"a secret of at least 32 bytes....")?;
    /// # let mut token = [0u8; 512];
    /// # let claims = Claims::new().subject("user-42").expires_at(2_000).string("role", "admin");
    /// # let n = jwt::encode(&key, &claims, &mut token)?;
    /// # let keys: KeySet<1> = KeySet::with_key(key)?;
    /// # let mut buf = [0u8; 512];
    /// # let verified = jwt::verify(&token[..n], &keys, &Validation::new(1_000), &mut buf)?;
    /// // A verified token whose claims are {"sub":"user-42","exp":2000,"role":"admin"}.
    /// let (claims, index) = (verified.claims().raw(), verified.claims_index());
    /// let words = index.to_words();
    /// assert_eq!(MemberIndex::lookup(&words, claims, b"exp").map(|v| v.as_i64()), Some(Ok(2_000)));
    /// assert_eq!(MemberIndex::lookup(&words, claims, b"iss"), None);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn lookup<'a>(words: &[u16; INDEX_WORDS], doc: &'a [u8], name: &[u8]) -> Option<Value<'a>> {
        let escaped = escape_bits(words);
        let (spans, tail) = split(words);
        for (i, span) in spans.chunks_exact(4).take(count(words)).enumerate() {
            let [name_start, name_end, value_start, value_end] = *span else {
                break;
            };
            let (name_start, name_end) = (usize::from(name_start), usize::from(name_end));
            let same = if escaped >> i & 1 == 0 {
                // Plain names: equal lengths first, then the bytes (short
                // names compared in line, not through memcmp).
                name_end.wrapping_sub(name_start) == name.len()
                    && doc
                        .get(name_start..name_end)
                        .is_some_and(|own| own.iter().zip(name).all(|(a, b)| a == b))
            } else {
                doc.get(name_start..name_end)
                    .is_some_and(|raw| names_equal(raw, true, name, false))
            };
            if same {
                return doc
                    .get(usize::from(value_start)..usize::from(value_end))
                    .map(Value::from_validated);
            }
        }
        let complete = tail.get(COMPLETE - SPAN_WORDS).is_some_and(|&w| w != 0);
        if complete {
            None
        } else {
            Value::from_validated(doc).get(name)
        }
    }

    /// Whether an indexed member's name equals `name` (raw, escaped when
    /// `escaped`): the duplicate check of the reading pass.
    pub(crate) fn has_name(&self, doc: &[u8], name: &[u8], escaped: bool) -> bool {
        self.members(doc).any(|(other, _)| {
            // Unescaped names of different lengths cannot be equal.
            (escaped || other.is_escaped() || other.raw().len() == name.len())
                && names_equal(other.raw(), other.is_escaped(), name, escaped)
        })
    }

    /// The first member of `doc` named `name` (compared after unescaping),
    /// as [`Value::get`] finds it, reading only names when the index is
    /// complete.
    ///
    /// ```
    /// # use jeton::jwt::{self, Claims, JwtKey, KeySet, Validation};
    /// # use jeton::json::MemberIndex;
    /// # let key = JwtKey::hs256(b"a secret of at least 32 bytes....")?;
    /// # let mut token = [0u8; 512];
    /// # let claims = Claims::new().subject("user-42").expires_at(2_000).string("role", "admin");
    /// # let n = jwt::encode(&key, &claims, &mut token)?;
    /// # let keys: KeySet<1> = KeySet::with_key(key)?;
    /// # let mut buf = [0u8; 512];
    /// # let verified = jwt::verify(&token[..n], &keys, &Validation::new(1_000), &mut buf)?;
    /// // A verified token whose claims are {"sub":"user-42","exp":2000,"role":"admin"}.
    /// let (claims, index) = (verified.claims().raw(), verified.claims_index());
    /// assert_eq!(index.get(claims, b"sub"), verified.claims().get("sub"));
    /// assert_eq!(index.get(claims, b"role").and_then(|v| v.as_str()).and_then(|s| s.as_plain()), Some("admin"));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn get<'a>(&self, doc: &'a [u8], name: &[u8]) -> Option<Value<'a>> {
        MemberIndex::lookup(&self.words, doc, name)
    }
}

/// Where `part` starts in `doc`, when it lies in it within `u16` reach.
fn offset(doc: &[u8], part: &[u8]) -> Option<u16> {
    let start = (part.as_ptr() as usize).checked_sub(doc.as_ptr() as usize)?;
    if start.checked_add(part.len())? > doc.len() {
        return None;
    }
    u16::try_from(start).ok()
}

/// Where `part` ends in `doc`, when it lies in it within `u16` reach.
fn end(doc: &[u8], part: &[u8]) -> Option<u16> {
    let start = usize::from(offset(doc, part)?);
    u16::try_from(start + part.len()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::Limits;

    fn indexed(doc: &[u8]) -> MemberIndex {
        let mut index = MemberIndex::new();
        super::super::read_object(
            doc,
            &Limits::DEFAULT,
            &mut index,
            &[],
            |_: &mut (), _, _, _| Ok(()),
        )
        .unwrap();
        index
    }

    #[test]
    fn finds_what_value_get_finds() {
        let doc = br#"{"a":1, "b\u0063" : "x", "d":[1,{"a":2}],"e":{}}"#;
        let index = indexed(doc);
        assert!(index.is_complete());
        assert_eq!(index.len(), 4);
        let whole = Value::from_validated(doc);
        for name in [&b"a"[..], b"bc", b"d", b"e", b"x", b"", b"b\\u0063"] {
            assert_eq!(index.get(doc, name), whole.get(name), "{name:?}");
        }
        assert_eq!(index.get(doc, b"bc").unwrap().raw(), br#""x""#);
    }

    #[test]
    fn members_past_the_capacity_are_found_by_scanning() {
        let mut buf = [0u8; 1024];
        let mut out = crate::out::Out::new(&mut buf);
        out.push(b'{');
        for i in 0..INDEX_CAPACITY as u64 + 8 {
            out.put(if i == 0 { b"\"k" } else { b",\"k" });
            out.put_u64(i);
            out.put(b"\":");
            out.put_u64(i * 10);
        }
        out.push(b'}');
        let n = out.finish().unwrap();
        let doc = &buf[..n];
        let index = indexed(doc);
        assert!(!index.is_complete());
        assert_eq!(index.len(), INDEX_CAPACITY);
        assert_eq!(index.get(doc, b"k3").unwrap().raw(), b"30");
        assert_eq!(index.get(doc, b"k39").unwrap().raw(), b"390");
        assert_eq!(index.get(doc, b"k40"), None);
    }

    #[test]
    fn an_unfilled_index_scans() {
        let doc = br#"{"a":1}"#;
        assert_eq!(MemberIndex::new().get(doc, b"a").unwrap().raw(), b"1");
        // Other bytes than the ones it was filled from, or words that were
        // never an index: wrong answers, never a panic.
        let index = indexed(doc);
        assert!(index.get(b"", b"a").is_none());
        let noise = MemberIndex::from_words(&[0xFFFF; INDEX_WORDS]);
        assert_eq!(noise.len(), INDEX_CAPACITY);
        assert!(noise.get(doc, b"a").is_none());
        assert_eq!(MemberIndex::from_words(&index.to_words()), index);
    }
}
