//! Ed25519 through `jeton::asym::eddsa`: the Wycheproof file (strict
//! verification) and RFC 8032 section 7.1 (signing and verification byte
//! for byte).
//!
//! The Wycheproof file holds no `acceptable` case (only `valid` and
//! `invalid`); a file that gains one fails [`wycheproof_ed25519`] until it
//! is decided here.

use jeton::Error;
use jeton::asym::eddsa::{Ed25519PublicKey, Ed25519SigningKey};
use jeton_tests::{cases, hex, load_json};

/// The group order `L`, little-endian (RFC 8032 section 5.1).
const ORDER: &str = "edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010";

/// `true` when the little-endian `s` is not below `L`.
fn s_out_of_range(s: &[u8]) -> bool {
    s.iter().rev().cmp(hex(ORDER).iter().rev()).is_ge()
}

#[test]
fn wycheproof_ed25519() {
    let file = "wycheproof/ed25519_test.json";
    let v = load_json(file);
    assert_eq!(v["numberOfTests"].as_u64(), Some(151));
    let mut all = Vec::new();
    let (mut valid, mut invalid) = (0, 0);
    for group in v["testGroups"].as_array().unwrap() {
        let pk = hex(group["publicKey"]["pk"].as_str().unwrap());
        let key = Ed25519PublicKey::from_bytes(&pk).unwrap();
        assert_eq!(key.as_bytes().as_slice(), pk.as_slice());
        for test in group["tests"].as_array().unwrap() {
            all.push(test.clone());
            let id = &test["tcId"];
            let msg = hex(test["msg"].as_str().unwrap());
            let sig = hex(test["sig"].as_str().unwrap());
            let got = key.verify(&msg, &sig);
            match test["result"].as_str().unwrap() {
                "valid" => {
                    valid += 1;
                    assert_eq!(got, Ok(()), "tcId {id}");
                }
                "invalid" => {
                    invalid += 1;
                    // Malformed exactly when the length is wrong or S is
                    // not below L; otherwise a mismatch.
                    let malformed = sig.len() != 64 || s_out_of_range(&sig[32..]);
                    let expected = if malformed {
                        Error::SignatureMalformed
                    } else {
                        Error::SignatureMismatch
                    };
                    assert_eq!(got, Err(expected), "tcId {id} {}", test["comment"]);
                }
                other => panic!("tcId {id}: result {other} is not decided here"),
            }
        }
    }
    cases(&serde_json::Value::Array(all), 151);
    assert_eq!((valid, invalid), (88, 63));
    println!("{file}: {valid} valid and {invalid} invalid cases as the file says");
}

/// RFC 8032 section 7.1: seed, public key, message, signature. TEST 1024's
/// 1023-byte message is read from the Wycheproof file, which carries it as
/// tcId 83 (from the draft the RFC came from).
#[test]
fn rfc8032_section_7_1() {
    let wycheproof = load_json("wycheproof/ed25519_test.json");
    let test_1024 = wycheproof["testGroups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["tests"].as_array().unwrap())
        .find(|t| t["tcId"] == 83)
        .unwrap();
    assert_eq!(
        test_1024["comment"],
        "draft-josefsson-eddsa-ed25519-02: Test 1024"
    );
    let message_1024 = test_1024["msg"].as_str().unwrap();
    assert_eq!(message_1024.len(), 2 * 1023);
    assert!(message_1024.starts_with("08b8b2b733424243760fe426a4b54908"));
    assert!(message_1024.ends_with("c60c905c15fc910840b94c00a0b9d0"));

    let vectors = [
        (
            "TEST 1",
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            "",
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155\
             5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
        ),
        (
            "TEST 2",
            "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
            "72",
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da\
             085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
        ),
        (
            "TEST 3",
            "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
            "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
            "af82",
            "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac\
             18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a",
        ),
        (
            "TEST 1024",
            "f5e5767cf153319517630f226876b86c8160cc583bc013744c6bf255f5cc0ee5",
            "278117fc144c72340f67d0f2316e8386ceffbf2b2428c9c51fef7c597f1d426e",
            message_1024,
            "0aab4c900501b3e24d7cdf4663326a3a87df5e4843b2cbdb67cbf6e460fec350\
             aa5371b1508f9f4528ecea23c436d94b5e8fcd4f681e30a6ac00a9704a188a03",
        ),
        (
            "TEST SHA(abc)",
            "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
            "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a\
             2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
            "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b589\
             09351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704",
        ),
    ];
    for (name, seed, public, message, signature) in vectors {
        let (seed, public, message, signature) =
            (hex(seed), hex(public), hex(message), hex(signature));
        let key = Ed25519SigningKey::from_seed(&seed).unwrap();
        assert_eq!(key.public_key().as_bytes().as_slice(), public, "{name}");
        assert_eq!(key.sign(&message).to_vec(), signature, "{name}");
        let public = Ed25519PublicKey::from_bytes(&public).unwrap();
        assert_eq!(public, key.public_key());
        assert_eq!(public.verify(&message, &signature), Ok(()), "{name}");
        // One bit off anywhere in the signature, or in the message, and it
        // no longer verifies.
        for i in [0, 31, 32, 63] {
            let mut bad = signature.clone();
            bad[i] ^= 0x01;
            assert!(public.verify(&message, &bad).is_err(), "{name} byte {i}");
        }
        let mut other = message.clone();
        other.push(0);
        assert_eq!(
            public.verify(&other, &signature),
            Err(Error::SignatureMismatch),
            "{name}"
        );
    }
}
