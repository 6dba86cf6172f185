// The C++ side: jeton.h compiled as C++17 (extern "C" linkage, layouts the
// compiler agrees with), and the header-only wrapper jeton.hpp. Known
// answers come from the RFCs and from the vector files (vectors.h).
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <vector>

#include "harness.h"
#include "jeton.hpp"
#include "vectors.h"

using namespace std::string_view_literals;

// The layouts the header states, checked by the C++ compiler.
static_assert(std::is_same<jeton_status, int32_t>::value, "jeton_status is 32 bits");
static_assert(sizeof(jeton_hmac_key) == JETON_HMAC_KEY_SIZE, "key size");
static_assert(sizeof(jeton_key_ring) == JETON_KEY_RING_SIZE, "ring size");
static_assert(sizeof(jeton_cookie_jar) == JETON_COOKIE_JAR_SIZE, "jar size");
static_assert(sizeof(jeton_cookie_iter) == JETON_COOKIE_ITER_SIZE, "iterator size");
static_assert(alignof(jeton_hmac_key) == JETON_OBJECT_ALIGN, "key alignment");
static_assert(alignof(jeton_key_ring) == JETON_OBJECT_ALIGN, "ring alignment");
static_assert(alignof(jeton_cookie_jar) == JETON_OBJECT_ALIGN, "jar alignment");
static_assert(alignof(jeton_cookie_iter) == JETON_OBJECT_ALIGN, "iterator alignment");
static_assert(std::is_trivially_copyable<jeton_hmac_key>::value, "objects are plain bytes");
static_assert(std::is_trivially_copyable<jeton_set_cookie>::value, "plain struct");
static_assert(sizeof(jeton_jwt_key_set) == JETON_JWT_KEY_SET_SIZE, "key set size");
static_assert(sizeof(jeton_session_store) == JETON_SESSION_STORE_SIZE, "store size");
static_assert(sizeof(jeton_revocation_list) == JETON_REVOCATION_LIST_SIZE, "revocation list size");
static_assert(alignof(jeton_jwt_key_set) == JETON_OBJECT_ALIGN, "key set alignment");
static_assert(alignof(jeton_session_store) == JETON_OBJECT_ALIGN, "store alignment");
static_assert(alignof(jeton_revocation_list) == JETON_OBJECT_ALIGN, "revocation list alignment");
static_assert(std::is_trivially_copyable<jeton_jwt_verified>::value, "plain struct");
static_assert(sizeof(jeton_session_user) == 8 + JETON_SESSION_USER_DATA_LEN, "user record");
static_assert(JETON_OK == 0 && JETON_ERR_BUFFER_TOO_SMALL < 0 && JETON_DONE > 0, "status signs");

namespace {

bool eq(std::string_view a, const jt_str &b) { return a == std::string_view(b.s != nullptr ? b.s : "", b.n); }

bool ok_is(jeton::status s, bool want) { return jeton::ok(s) == want; }

// RFC 4231 test case 2.
constexpr std::array<uint8_t, 32> kCase2 = {0x5b, 0xdc, 0xc1, 0x46, 0xbf, 0x60, 0x75, 0x4e, 0x6a, 0x04, 0x24,
                                            0x26, 0x08, 0x95, 0x75, 0xc7, 0x5a, 0x00, 0x3f, 0x08, 0x9d, 0x27,
                                            0x39, 0x83, 0x9d, 0xec, 0x58, 0xb9, 0x64, 0xec, 0x38, 0x43};
constexpr auto kCase2Data = "what do ya want for nothing?"sv;

std::string_view case2_tag() { return {reinterpret_cast<const char *>(kCase2.data()), kCase2.size()}; }

void test_c_linkage() {
    // The C functions straight from C++.
    jeton_hmac_key key{};
    CHECK_STATUS(jeton_hmac_key_verify(&key, S("x"), kCase2.data(), 32), JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_hmac_key_init(&key, JETON_HMAC_SHA256, S("Jefe")), JETON_OK);
    CHECK_STATUS(jeton_hmac_key_verify(&key, reinterpret_cast<const uint8_t *>(kCase2Data.data()),
                                       kCase2Data.size(), kCase2.data(), kCase2.size()),
                 JETON_OK);
    CHECK_STATUS(jeton_hmac_key_clear(&key), JETON_OK);
    CHECK(std::string_view(jeton_status_str(JETON_ERR_NULL_POINTER)) != "unknown status");
    CHECK(jeton::version() == jeton_version());
}

void test_keys() {
    jeton::hmac_key key;
    std::string tag;
    CHECK_STATUS(key.sign(kCase2Data, tag), JETON_ERR_NOT_INITIALIZED);
    CHECK(tag.empty());
    CHECK_STATUS(key.init(JETON_HMAC_SHA256, "Jefe"), JETON_OK);
    CHECK_STATUS(key.sign(kCase2Data, tag), JETON_OK);
    CHECK(tag == case2_tag());
    CHECK_STATUS(key.verify(kCase2Data, case2_tag()), JETON_OK);
    // Moving keeps the key; the source is cleared.
    jeton::hmac_key moved(std::move(key));
    CHECK_STATUS(moved.verify(kCase2Data, case2_tag()), JETON_OK);
    CHECK_STATUS(key.verify(kCase2Data, case2_tag()), JETON_ERR_NOT_INITIALIZED);
    jeton::hmac_key b64;
    CHECK_STATUS(b64.init_base64(JETON_HMAC_SHA256, "SmVmZQ=="), JETON_OK);
    CHECK_STATUS(b64.verify(kCase2Data, case2_tag()), JETON_OK);
    CHECK_STATUS(b64.init_base64(JETON_HMAC_SHA256, "not base64"), JETON_ERR_INVALID_BASE64);

    // A const key signs from several threads at once (jeton.h: const
    // functions only read the object).
    std::vector<std::thread> threads;
    std::array<int, 4> good{};
    for (std::size_t t = 0; t < good.size(); t++) {
        threads.emplace_back([&moved, &good, t] {
            std::string mine;
            for (int i = 0; i < 200; i++) good[t] += moved.sign(kCase2Data, mine) == JETON_OK && mine == case2_tag();
        });
    }
    for (auto &thread : threads) thread.join();
    for (int g : good) CHECK(g == 200);

    jeton::key_ring ring;
    CHECK(ring.size() == 0);
    CHECK_STATUS(ring.push(JETON_HMAC_SHA256, "new"), JETON_OK);
    CHECK_STATUS(ring.push(moved), JETON_OK);
    std::size_t index = 99;
    CHECK_STATUS(ring.verify(kCase2Data, case2_tag(), index), JETON_OK);
    CHECK(index == 1 && ring.size() == 2);
    CHECK_STATUS(ring.sign(kCase2Data, tag), JETON_OK);
    CHECK(tag != case2_tag() && tag.size() == 32);
    CHECK_STATUS(ring.rotate_in(moved), JETON_OK);
    CHECK_STATUS(ring.sign(kCase2Data, tag), JETON_OK);
    CHECK(tag == case2_tag());
    jeton::key_ring other(std::move(ring));
    CHECK(other.size() == 3 && ring.size() == 0);
}

void test_cookies() {
    // RFC 6265 section 4.2.2, plus a duplicate and a quoted value.
    constexpr auto header = "SID=31d4d96e407aad42; lang=en-US; q=\"x y\"; lang=fr"sv;
    std::vector<std::string_view> names;
    jeton::cookies pairs(header);
    CHECK_STATUS(pairs.result(), JETON_OK);
    for (const auto &pair : pairs) names.push_back(pair.name);
    CHECK((names == std::vector<std::string_view>{"SID", "lang", "q", "lang"}));
    // Iterating twice gives the same pairs.
    std::size_t again = 0;
    for (auto it = pairs.begin(); it != pairs.end(); ++it) again++;
    CHECK(again == 4);
    jeton::cookie_pair pair;
    CHECK_STATUS(jeton::get_cookie(header, "lang", pair), JETON_OK);
    CHECK(pair.value == "en-US" && pair.value.data() >= header.data());
    CHECK_STATUS(jeton::get_cookie(header, "q", pair), JETON_OK);
    CHECK(pair.value == "\"x y\"" && pair.value_unquoted == "x y");
    CHECK_STATUS(jeton::get_cookie(header, "none", pair), JETON_ERR_COOKIE_NOT_FOUND);
    std::string decoded;
    CHECK_STATUS(jeton::decode_cookie_value("caf%C3%A9", decoded), JETON_OK);
    CHECK(decoded == "caf\xc3\xa9");
    std::string big(JETON_COOKIE_MAX_HEADER_LEN + 1, 'a');
    jeton::cookies refused(big);
    CHECK_STATUS(refused.result(), JETON_ERR_INPUT_TOO_LONG);
    CHECK(refused.begin() == refused.end());
    jeton::cookies empty(std::string_view{});
    CHECK_STATUS(empty.result(), JETON_OK);
    CHECK(empty.begin() == empty.end());
}

void test_set_cookie() {
    std::string out;
    // The benchmark's fixed line (bench/inputs/set_cookie_expected.txt).
    std::string_view name(jt_bench_name.s, jt_bench_name.n), value(jt_bench_value.s, jt_bench_value.n);
    jeton::set_cookie bench(name, value);
    bench.path(std::string_view(jt_bench_path.s, jt_bench_path.n))
        .domain(std::string_view(jt_bench_domain.s, jt_bench_domain.n))
        .max_age(jt_bench_max_age)
        .expires(jt_bench_expires)
        .secure(jt_bench_secure != 0)
        .http_only(jt_bench_http_only != 0)
        .same_site(jt_bench_same_site);
    CHECK_STATUS(bench.write(out), JETON_OK);
    CHECK(eq(out, jt_bench_expected));
    // RFC 6265 section 3.1.
    CHECK_STATUS(jeton::set_cookie("SID", "31d4d96e407aad42").path("/").secure().http_only().write(out), JETON_OK);
    CHECK(out == "SID=31d4d96e407aad42; Path=/; Secure; HttpOnly");
    CHECK_STATUS(jeton::set_cookie("a", "1").same_site(JETON_SAME_SITE_NONE).write(out),
                 JETON_ERR_SAME_SITE_NONE_REQUIRES_SECURE);
    CHECK(out.empty());
    CHECK_STATUS(jeton::set_cookie("q", "a b").encode_value().validate(), JETON_OK);
    CHECK_STATUS(jeton::set_cookie("q", "a b").encode_value().encode_value(false).validate(),
                 JETON_ERR_COOKIE_INVALID_VALUE);
    CHECK_STATUS(jeton::set_cookie("sid", "").path("/").write_removal(out), JETON_OK);
    jeton_parsed_set_cookie parsed;
    CHECK_STATUS(jeton_set_cookie_parse(reinterpret_cast<const uint8_t *>(out.data()), out.size(), 0, &parsed),
                 JETON_OK);
    CHECK((parsed.flags & JETON_COOKIE_HAS_MAX_AGE) && parsed.max_age == 0);
    // A value longer than any first guess: the string grows once.
    std::string long_value(3000, 'v');
    CHECK_STATUS(jeton::set_cookie("long", long_value).write(out), JETON_OK);
    CHECK(out.size() == 5 + 3000);
    CHECK_STATUS(jeton::http_date(784111777, out), JETON_OK);
    CHECK(out == "Sun, 06 Nov 1994 08:49:37 GMT");
}

void test_jar() {
    // RFC 6265 section 3.1, the user agent's side.
    auto jar = std::make_unique<jeton::cookie_jar>();
    jeton_store_outcome outcome = 99;
    CHECK_STATUS(jar->store("SID=31d4d96e407aad42; Path=/; Secure; HttpOnly", "https://example.com/", 1700000000,
                            &outcome),
                 JETON_OK);
    CHECK(outcome == JETON_STORE_INSERTED);
    CHECK_STATUS(jar->store("lang=en-US; Path=/; Domain=example.com", "https://example.com/", 1700000000), JETON_OK);
    std::string header;
    CHECK_STATUS(jar->cookie_header("https://example.com/", 1700000001, header), JETON_OK);
    CHECK(header == "SID=31d4d96e407aad42; lang=en-US");
    CHECK(jar->size() == 2);
    CHECK_STATUS(jar->store("a=1; Domain=com", "https://example.com/", 1700000000), JETON_ERR_COOKIE_PUBLIC_SUFFIX);
}

void test_signed() {
    // cookie-session responses and requests (tests/vectors/npm-signed.json).
    for (const auto &v : jt_session_responses) {
        if (v.json.s == nullptr) continue;
        jeton::key_ring ring;
        for (int k = 0; k < v.nkeys; k++)
            CHECK_STATUS(ring.push(v.alg, std::string_view(v.keys[k].s, v.keys[k].n)), JETON_OK);
        jeton_parsed_set_cookie theirs;
        CHECK_STATUS(jeton_set_cookie_parse(reinterpret_cast<const uint8_t *>(v.set_cookie.s), v.set_cookie.n, 0,
                                            &theirs),
                     JETON_OK);
        std::string value, main, sig;
        CHECK_STATUS(jeton::detail::write_string(value,
                                                 [&](uint8_t *o, std::size_t cap, std::size_t *len) {
                                                     return jeton_keygrip_encode_session_value(
                                                         reinterpret_cast<const uint8_t *>(v.json.s), v.json.n,
                                                         o, cap, len);
                                                 }),
                     JETON_OK);
        jeton::set_cookie cookie(jeton::view(theirs.name), value);
        cookie.style(JETON_ATTRIBUTE_STYLE_NPM_COOKIES).same_site(theirs.same_site).priority(theirs.priority);
        if (theirs.path.ptr != nullptr) cookie.path(jeton::view(theirs.path));
        if (theirs.domain.ptr != nullptr) cookie.domain(jeton::view(theirs.domain));
        if (theirs.flags & JETON_COOKIE_HAS_EXPIRES) cookie.expires(theirs.expires);
        cookie.secure((theirs.flags & JETON_COOKIE_SECURE) != 0).http_only((theirs.flags & JETON_COOKIE_HTTP_ONLY) != 0);
        CHECK_STATUS(jeton::keygrip_write_set_cookies(ring, cookie, main, sig), JETON_OK);
        CHECK(eq(main, v.set_cookie) && eq(sig, v.set_cookie_sig));
    }
    unsigned accepted = 0;
    for (const auto &v : jt_session_requests) {
        jeton::key_ring ring;
        for (int k = 0; k < v.nkeys; k++)
            CHECK_STATUS(ring.push(v.alg, std::string_view(v.keys[k].s, v.keys[k].n)), JETON_OK);
        std::string_view value;
        std::size_t index = 0;
        jeton::status s = jeton::keygrip_verify_cookie(ring, std::string_view(v.header.s, v.header.n),
                                                       std::string_view(v.name.s, v.name.n), value, index);
        if (v.accepted) {
            CHECK_STATUS(s, JETON_OK);
            accepted++;
        }
    }
    CHECK(accepted == 90);
    // express-session requests.
    for (const auto &v : jt_express_requests) {
        jeton::key_ring ring;
        for (int k = 0; k < v.nkeys; k++)
            CHECK_STATUS(ring.push(JETON_HMAC_SHA256, std::string_view(v.keys[k].s, v.keys[k].n)), JETON_OK);
        std::string scratch;
        std::string_view sid;
        std::size_t index = 0;
        jeton::status s = jeton::express_unsign(ring, std::string_view(v.header.s, v.header.n),
                                                std::string_view(v.name.s, v.name.n), scratch, sid, index);
        CHECK((s == JETON_OK) == (v.accepted != 0));
        if (s == JETON_OK) CHECK(eq(sid, v.sid));
    }
    // cookie-signature.
    for (const auto &v : jt_cs_sign_vecs) {
        jeton::key_ring ring;
        CHECK_STATUS(ring.push(JETON_HMAC_SHA256, std::string_view(v.secret.s, v.secret.n)), JETON_OK);
        std::string out;
        CHECK_STATUS(jeton::cookie_signature_sign(ring, std::string_view(v.value.s, v.value.n), out), JETON_OK);
        CHECK(eq(out, v.signed_value));
        std::string_view value;
        std::size_t index = 9;
        CHECK_STATUS(jeton::cookie_signature_unsign(ring, out, value, index), JETON_OK);
        CHECK(eq(value, v.value) && index == 0);
    }
}

std::string_view sv(const jt_str &s) { return std::string_view(s.s != nullptr ? s.s : "", s.n); }

void test_json_and_auth() {
    jeton_json_kind kind = 0;
    CHECK_STATUS(jeton::json_validate(R"({"a":[1,{"b":null}]})", kind), JETON_OK);
    CHECK(kind == JETON_JSON_OBJECT);
    jeton_json_limits strict{};
    strict.flags = JETON_JSON_UNIQUE_MEMBERS;
    CHECK_STATUS(jeton::json_validate(R"({"a":1,"a":2})", kind, strict), JETON_ERR_JSON_DUPLICATE_MEMBER);

    // npm basic-auth's verdicts (tests/vectors/npm-basic-auth.json).
    std::string buf, out;
    for (const auto &v : jt_basic_parses) {
        std::string_view user, password;
        jeton::status s = jeton::parse_basic(sv(v.header), buf, user, password);
        CHECK(ok_is(s, v.accepted != 0));
        if (jeton::ok(s)) CHECK(eq(user, v.name) && eq(password, v.pass));
    }
    for (const auto &v : jt_basic_formats) {
        jeton::status s = jeton::format_basic(sv(v.name), sv(v.pass), out);
        if (v.output.s != nullptr) CHECK(jeton::ok(s) && eq(out, v.output));
        else CHECK(!jeton::ok(s) && out.empty());
    }
    std::string_view token;
    CHECK_STATUS(jeton::parse_bearer("Bearer mF_9.B5f-4.1JqM", token), JETON_OK);
    CHECK(token == "mF_9.B5f-4.1JqM");
    CHECK_STATUS(jeton::basic_challenge("WallyWorld", out), JETON_OK);
    CHECK(out == R"(Basic realm="WallyWorld", charset="UTF-8")");
    jeton_bearer_challenge challenge{};
    challenge.realm = jeton::bytes("example");
    challenge.error = JETON_BEARER_INVALID_TOKEN;
    CHECK_STATUS(jeton::bearer_challenge(challenge, out), JETON_OK);
    CHECK(out == R"(Bearer realm="example", error="invalid_token")");
}

void test_sessions() {
    // A lambda as the entropy source.
    unsigned calls = 0;
    std::string id;
    CHECK_STATUS(jeton::generate_session_id(
                     [&calls](uint8_t *buf, std::size_t len) {
                         calls++;
                         std::memset(buf, 0, len);
                         return true;
                     },
                     id),
                 JETON_OK);
    CHECK(calls == 1 && id == std::string(JETON_SESSION_ID_LEN, 'A'));
    CHECK_STATUS(jeton::generate_session_id([](uint8_t *, std::size_t) { return false; }, id),
                 JETON_ERR_ENTROPY_UNAVAILABLE);
    CHECK(id.empty());

    auto store = std::make_unique<jeton::session_store>(600);
    jeton_session_user user{};
    user.id = 42;
    jeton_session session{};
    CHECK_STATUS(store->create("a-session-id-0000000001", user, 1000, session), JETON_OK);
    CHECK_STATUS(store->lookup("a-session-id-0000000001", 1500, session), JETON_OK);
    CHECK(session.user.id == 42 && session.expires == 1600);
    CHECK_STATUS(store->touch("a-session-id-0000000001", 1500, session), JETON_OK);
    CHECK_STATUS(store->rotate("a-session-id-0000000001", "a-session-id-0000000002", 1500, session), JETON_OK);
    CHECK(store->size() == 1 && store->revoke_user(42) == 1 && store->size() == 0);
    CHECK_STATUS(store->revoke("a-session-id-0000000002"), JETON_ERR_SESSION_NOT_FOUND);
    CHECK(store->purge(0) == 0);

    jeton::revocation_list revoked;
    CHECK_STATUS(revoked.revoke("jti-1", 2000, 1000), JETON_OK);
    CHECK(revoked.contains("jti-1", 1999) && !revoked.contains("jti-1", 2000) && revoked.size() == 1);
}

void test_jwt() {
    // The peers' tokens, through the wrapper, judged as the peers did.
    unsigned accepted = 0;
    for (const auto &p : jt_peer_jwts) {
        const jt_jwt_shape &shape = jt_jwt_shapes[p.shape];
        const jt_jwt_key &k = jt_jwt_keys[p.key];
        jeton::jwt_key_set keys;
        CHECK_STATUS(keys.add(k.alg, sv(k.secret), sv(k.kid)), JETON_OK);
        jeton::jwt_validation validation(jt_jwt_now);
        validation.required(JETON_JWT_CLAIM_NONE);
        if (shape.issuer.s != nullptr) validation.issuer(sv(shape.issuer));
        if (shape.audience.s != nullptr) validation.audience(sv(shape.audience));
        jeton::verified_jwt token;
        jeton::status s = token.verify(keys, sv(p.token), validation);
        CHECK_STATUS(s, p.accepted ? JETON_OK : shape.expect);
        if (!jeton::ok(s)) continue;
        accepted++;
        for (std::size_t i = 0; i < p.n_claims; i++) {
            const jt_claim &c = p.claims[i];
            if (c.kind == JETON_JWT_VALUE_STRING) {
                std::string value;
                CHECK_STATUS(token.claim(sv(c.name), value), JETON_OK);
                CHECK(eq(value, c.text));
            } else if (c.kind == JETON_JWT_VALUE_INT) {
                int64_t value = 0;
                CHECK(jeton::ok(token.claim(sv(c.name), value)) && value == c.integer);
            } else if (c.kind == JETON_JWT_VALUE_BOOL) {
                bool value = false;
                CHECK(jeton::ok(token.claim(sv(c.name), value)) && value == (c.integer != 0));
            } else {
                std::string_view json;
                jeton_json_kind kind;
                CHECK(jeton::ok(token.claim_json(sv(c.name), json, kind)) && eq(json, c.text));
            }
        }
        // Moving keeps the views valid.
        jeton::verified_jwt moved(std::move(token));
        std::string kid;
        CHECK_STATUS(moved.header("kid", kid), JETON_OK);
        CHECK(eq(kid, k.kid));
        // ...and leaves the source holding no token, not a second view.
        CHECK(!jeton::ok(token.header("kid", kid)));
    }
    CHECK(accepted == 63);

    // Encoding through the builder: the benchmark token, byte for byte.
    jeton::jwt_key_set keys;
    CHECK_STATUS(keys.add(JETON_JWT_HS256, sv(jt_bench_jwt_key)), JETON_OK);
    jeton::jwt_claims claims;
    claims.issuer("https://auth.example.com")
        .subject("user-1234567890")
        .audience("https://api.example.com")
        .expires_at(4102444800)
        .not_before(1700000000)
        .issued_at(1700000000)
        .jwt_id("8f14e45f-ceea-467f-a0e6-5d2b1c3a9e77")
        .string("name", "Jane Doe")
        .boolean("admin", true);
    std::string out;
    CHECK_STATUS(claims.encode(keys, out), JETON_OK);
    CHECK(eq(out, jt_bench_jwt));

    // Logout: the token's jti revoked, then refused.
    jeton::revocation_list revoked;
    CHECK_STATUS(revoked.set_leeway(30), JETON_OK);
    jeton::jwt_validation validation(1700000060);
    validation.audience("https://api.example.com").revocation(revoked);
    jeton::verified_jwt token;
    CHECK_STATUS(token.verify(keys, out, validation), JETON_OK);
    CHECK((token.audiences() == std::vector<std::string>{"https://api.example.com"}));
    CHECK_STATUS(revoked.revoke(token.view(), 1700000060), JETON_OK);
    jeton::verified_jwt again;
    CHECK_STATUS(again.verify(keys, out, validation), JETON_ERR_JWT_REVOKED);
    CHECK(again.view().claims.ptr == nullptr);
    // A second token with another jti still passes.
    claims.jwt_id("another-jti");
    CHECK_STATUS(claims.encode(keys, out), JETON_OK);
    CHECK_STATUS(again.verify(keys, out, validation), JETON_OK);
    // Audience arrays and custom kinds.
    jeton::jwt_claims more;
    more.add_audience("a").add_audience("b").integer("n", -1).json("o", R"({"k":[1]})").expires_at(4102444800);
    CHECK_STATUS(more.encode(keys, out), JETON_OK);
    jeton::jwt_validation any(0);
    any.flags(JETON_JWT_IGNORE_AUDIENCE);
    CHECK_STATUS(token.verify(keys, out, any), JETON_OK);
    CHECK((token.audiences() == std::vector<std::string>{"a", "b"}));
    jeton::jwt_key_set moved(std::move(keys));
    CHECK(moved.size() == 1 && keys.size() == 0);
}

}  // namespace

int main() {
    test_c_linkage();
    test_keys();
    test_cookies();
    test_set_cookie();
    test_jar();
    test_signed();
    test_json_and_auth();
    test_sessions();
    test_jwt();
    std::printf("jeton C++ tests: %lu checks, %lu failures\n", jt_checks, jt_failures);
    return jt_failures == 0 ? 0 : 1;
}
