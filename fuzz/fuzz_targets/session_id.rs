//! Session ID generation and the well-formedness check against a plain
//! base64url model: a generated ID is the unpadded base64url of the drawn
//! bytes, well formed; a short buffer is refused before any entropy is
//! drawn; an all-zero draw or a failing source yields no ID; and
//! `is_well_formed_id` accepts exactly the canonical unpadded base64url
//! of 16 to 64 bytes.
#![no_main]

use arbitrary::Arbitrary;
use jeton::Error;
use jeton::session::{ID_BYTES, ID_LEN, generate_id, id_from_bytes, is_well_formed_id};
use libfuzzer_sys::fuzz_target;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Unpadded base64url, written the plain way.
fn encode(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]);
        }
    }
    out
}

/// Unpadded base64url decoded the plain way; `None` when a character is
/// outside the alphabet or the length cannot be one of an encoding.
fn decode(text: &[u8]) -> Option<Vec<u8>> {
    if text.len() % 4 == 1 {
        return None;
    }
    let mut bits = 0u32;
    let mut held = 0;
    let mut out = Vec::new();
    for &c in text {
        let v = ALPHABET.iter().position(|&a| a == c)? as u32;
        bits = bits << 6 | v;
        held += 6;
        if held >= 8 {
            held -= 8;
            out.push((bits >> held) as u8);
            bits &= (1 << held) - 1;
        }
    }
    Some(out)
}

#[derive(Arbitrary, Debug)]
struct Input {
    draw: Vec<u8>,
    out_len: u8,
    fail: bool,
    candidate: Vec<u8>,
}

fuzz_target!(|input: Input| {
    // Generation.
    let mut draws = 0;
    let mut drawn = [0u8; ID_BYTES];
    let mut source = |buf: &mut [u8]| {
        draws += 1;
        if input.fail {
            return Err(Error::EntropyUnavailable);
        }
        for (i, b) in buf.iter_mut().enumerate() {
            *b = input.draw.get(i).copied().unwrap_or(0);
        }
        drawn[..buf.len().min(ID_BYTES)].copy_from_slice(&buf[..buf.len().min(ID_BYTES)]);
        Ok(())
    };
    let mut out = vec![0u8; usize::from(input.out_len)];
    let got = generate_id(&mut source, &mut out);
    if out.len() < ID_LEN {
        assert_eq!(got, Err(Error::BufferTooSmall { needed: ID_LEN }));
        assert_eq!(draws, 0, "a size query drew entropy");
    } else if input.fail {
        assert_eq!(got, Err(Error::EntropyUnavailable));
    } else if drawn.iter().all(|&b| b == 0) {
        assert_eq!(
            got,
            Err(Error::EntropyUnavailable),
            "an all-zero draw made an ID"
        );
    } else {
        assert_eq!(got, Ok(ID_LEN));
        assert_eq!(out[..ID_LEN], encode(&drawn)[..]);
        assert!(is_well_formed_id(&out[..ID_LEN]));
    }

    // id_from_bytes against the model.
    let mut id = [0u8; 96];
    match id_from_bytes(&input.draw, &mut id) {
        Ok(n) => {
            assert!((16..=64).contains(&input.draw.len()));
            assert_eq!(id[..n], encode(&input.draw)[..]);
            assert!(is_well_formed_id(&id[..n]));
        }
        Err(Error::EntropyTooShort) => assert!(input.draw.len() < 16),
        Err(Error::InputTooLong) => assert!(input.draw.len() > 64),
        Err(e) => panic!("id_from_bytes: {e:?}"),
    }

    // The well-formedness check: canonical unpadded base64url of 16 to 64
    // bytes, nothing else.
    let expected = decode(&input.candidate)
        .is_some_and(|bytes| (16..=64).contains(&bytes.len()) && encode(&bytes) == input.candidate);
    assert_eq!(is_well_formed_id(&input.candidate), expected);
});
