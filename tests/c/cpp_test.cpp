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
static_assert(sizeof(jeton_rate_limiter) == JETON_RATE_LIMITER_SIZE, "rate limiter size");
static_assert(alignof(jeton_rate_limiter) == JETON_OBJECT_ALIGN, "rate limiter alignment");
static_assert(sizeof(jeton_jwks) == JETON_JWKS_SIZE, "JWK Set size");
static_assert(alignof(jeton_jwks) == JETON_OBJECT_ALIGN, "JWK Set alignment");
static_assert(std::is_trivially_copyable<jeton_jwt_key_info>::value, "plain struct");
static_assert(std::is_trivially_copyable<jeton_jwt_verified>::value, "plain struct");
static_assert(sizeof(jeton_session_user) == 8 + JETON_SESSION_USER_DATA_LEN, "user record");
static_assert(JETON_OK == 0 && JETON_ERR_BUFFER_TOO_SMALL < 0 && JETON_DONE > 0, "status signs");
static_assert(sizeof(jeton_oauth_form_iter) == JETON_OAUTH_FORM_ITER_SIZE, "form iterator size");
static_assert(sizeof(jeton_oauth_device_poller) == JETON_OAUTH_DEVICE_POLLER_SIZE, "poller size");
static_assert(alignof(jeton_oauth_form_iter) == JETON_OBJECT_ALIGN, "form iterator alignment");
static_assert(alignof(jeton_oauth_device_poller) == JETON_OBJECT_ALIGN, "poller alignment");
static_assert(std::is_trivially_copyable<jeton_oauth_token_response>::value, "plain struct");
static_assert(sizeof(jeton_oauth_new_state::code_verifier) == JETON_OAUTH_STATE_TOKEN_LEN, "verifier length");

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
    // Values with an expiry: the value Python's hmac computed from the
    // documented format (tests/tests/expiring_values.rs).
    {
        jeton::key_ring ring;
        CHECK_STATUS(ring.push(JETON_HMAC_SHA256, "an expiring-value key, 32 bytes!"), JETON_OK);
        std::string value, payload;
        CHECK_STATUS(jeton::signed_value_sign(ring, "session", "user-42", 1700000000, value), JETON_OK);
        CHECK(value == "v1.1700000000.dXNlci00Mg.Z4d8QI67ARI5qL0dMlP51rlWul3hX77JpGtStLpogw4");
        int64_t exp = 0;
        std::size_t index = 9;
        CHECK_STATUS(jeton::signed_value_verify(ring, "session", value, 1699999999, payload, exp, index), JETON_OK);
        CHECK(payload == "user-42" && exp == 1700000000 && index == 0);
        CHECK_STATUS(jeton::signed_value_verify(ring, "session", value, 1700000000, payload, exp, index),
                     JETON_ERR_SIGNED_VALUE_EXPIRED);
        CHECK(payload.empty());
        CHECK_STATUS(jeton::signed_value_verify(ring, "csrf", value, 1, payload, exp, index),
                     JETON_ERR_SIGNATURE_MISMATCH);
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
                         std::memset(buf, 0xA5, len);
                         return true;
                     },
                     id),
                 JETON_OK);
    CHECK(calls == 1 && id == "paWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaU");
    // A source that says yes and writes zeros has failed.
    CHECK_STATUS(jeton::generate_session_id(
                     [](uint8_t *buf, std::size_t len) {
                         std::memset(buf, 0, len);
                         return true;
                     },
                     id),
                 JETON_ERR_ENTROPY_UNAVAILABLE);
    CHECK(id.empty());
    CHECK_STATUS(jeton::generate_session_id([](uint8_t *, std::size_t) { return false; }, id),
                 JETON_ERR_ENTROPY_UNAVAILABLE);
    CHECK(id.empty());

    auto store = std::make_unique<jeton::session_store>(600);
    jeton_session_user user{};
    user.id = 42;
    jeton_session session{};
    CHECK_STATUS(store->create("a-session-id-000000001A", user, 1000, session), JETON_OK);
    CHECK_STATUS(store->lookup("a-session-id-000000001A", 1500, session), JETON_OK);
    CHECK(session.user.id == 42 && session.expires == 1600);
    CHECK_STATUS(store->touch("a-session-id-000000001A", 1500, session), JETON_OK);
    CHECK_STATUS(store->rotate("a-session-id-000000001A", "a-session-id-000000002A", 1500, session), JETON_OK);
    CHECK_STATUS(store->create("not-a-session-id", user, 1500, session), JETON_ERR_SESSION_ID_MALFORMED);
    // Capped at 1 session per user: the next login pushes the first out.
    std::vector<jeton_session> evicted;
    CHECK_STATUS(store->create_capped("a-session-id-000000003A", user, 1600, 1, session, evicted), JETON_OK);
    CHECK(evicted.size() == 1 && evicted[0].user.id == 42 && evicted[0].created == 1000);
    CHECK_STATUS(store->lookup("a-session-id-000000002A", 1600, session), JETON_ERR_SESSION_NOT_FOUND);
    CHECK(store->size() == 1 && store->revoke_user(42) == 1 && store->size() == 0);
    CHECK_STATUS(store->revoke("a-session-id-000000002A"), JETON_ERR_SESSION_NOT_FOUND);
    CHECK(store->purge(0) == 0);

    // Login attempts: 3 at once per key, one more every 20 seconds.
    auto limiter = std::make_unique<jeton::rate_limiter>(3, 60);
    uint64_t wait = 0;
    for (int i = 0; i < 3; i++) CHECK_STATUS(limiter->check("127.0.0.1 alice", 1000, wait), JETON_OK);
    CHECK_STATUS(limiter->check("127.0.0.1 alice", 1000, wait), JETON_ERR_RATE_LIMITED);
    CHECK(wait == 20 && limiter->size() == 1);
    CHECK_STATUS(limiter->check("127.0.0.1 bob", 1000, wait), JETON_OK);
    CHECK(limiter->forget("127.0.0.1 alice") && limiter->purge(1060) == 1 && limiter->size() == 0);

    // CSRF tokens bound to the session.
    jeton::key_ring ring;
    CHECK_STATUS(ring.push(JETON_HMAC_SHA256, "a csrf key of thirty-two bytes.."), JETON_OK);
    std::string token;
    CHECK_STATUS(jeton::csrf_token(ring, "a-session-id-000000003A", 2000, token), JETON_OK);
    CHECK(token.size() == 74); // v1.2000.<22>.<43>
    CHECK_STATUS(jeton::csrf_verify(ring, "a-session-id-000000003A", token, token, 1999), JETON_OK);
    CHECK_STATUS(jeton::csrf_verify(ring, "a-session-id-000000002A", token, token, 1999),
                 JETON_ERR_CSRF_TOKEN_MISMATCH);
    CHECK_STATUS(jeton::csrf_verify(ring, "a-session-id-000000003A", token, "", 1999), JETON_ERR_CSRF_TOKEN_MISMATCH);

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

bool is(const jt_str &s, std::string_view lit) { return s.s != nullptr && sv(s) == lit; }

const jt_asym_jwks &jwks_doc(std::string_view id) {
    for (const auto &set : jt_asym_jwks_sets)
        if (is(set.id, id)) return set;
    jt_fail(__FILE__, __LINE__, "no JWK Set %.*s", static_cast<int>(id.size()), id.data());
    return jt_asym_jwks_sets[0];
}

// {"alg":"HS256","crit":["http://example.com/x"],"http://example.com/x":true}
// . {"exp":4102444800}, signed with HMAC-SHA256 by Python's hmac module
// under the key "a 32-byte secret for the C tests" (as api_test.c).
constexpr auto kCritToken =
    "eyJhbGciOiJIUzI1NiIsImNyaXQiOlsiaHR0cDovL2V4YW1wbGUuY29tL3giXSwiaHR0cDovL2V4YW1wbGUuY29tL3"
    "giOnRydWV9.eyJleHAiOjQxMDI0NDQ4MDB9.8rgUsTgisbJkgY5Qo_wypZFZ0dMo9cTFBaRqtd3CHTo"sv;

void test_jwt_asym() {
    // Keys from JWK and PEM documents (asym-jwt.json): jose's thumbprint,
    // the kid; private keys sign what the public ones verify.
    unsigned signers = 0;
    for (const auto &k : jt_asym_keys) {
        if (is(k.id, "rsa1024") || is(k.id, "x25519") || is(k.id, "p521")) continue;
        jeton::jwt_key_set keys;
        CHECK_STATUS(keys.add_jwk(sv(k.public_jwk)), JETON_OK);
        CHECK_STATUS(keys.add_pem(sv(k.spki_pem), "pem"), JETON_OK);
        CHECK(keys.size() == 2);
        std::string print;
        CHECK_STATUS(keys.thumbprint(0, print), JETON_OK);
        CHECK(eq(print, k.thumbprint));
        CHECK_STATUS(keys.thumbprint(1, print), JETON_OK);
        CHECK(eq(print, k.thumbprint));
        jeton_jwt_key_info info{};
        CHECK_STATUS(keys.key_info(0, info), JETON_OK);
        CHECK(eq(jeton::kid(info), k.kid) && info.flags == JETON_JWT_KEY_VERIFIES);
        CHECK_STATUS(keys.key_info(1, info), JETON_OK);
        CHECK(jeton::kid(info) == "pem");
        CHECK_STATUS(keys.key_info(2, info), JETON_ERR_JWT_KEY_NOT_FOUND);
        CHECK_STATUS(keys.add_jwk(sv(k.private_jwk)), JETON_ERR_JWK_PRIVATE_MEMBERS);
        if (is(k.kty, "RSA")) {
            CHECK_STATUS(keys.add_private_jwk(sv(k.private_jwk)), JETON_ERR_KEY_UNSUPPORTED);
            continue;
        }
        CHECK_STATUS(keys.add_private_jwk(sv(k.private_jwk)), JETON_OK);
        CHECK_STATUS(keys.key_info(2, info), JETON_OK);
        CHECK(info.flags == (JETON_JWT_KEY_VERIFIES | JETON_JWT_KEY_SIGNS));
        std::string token;
        jeton::jwt_claims claims;
        claims.subject("s").expires_at(4102444800);
        CHECK_STATUS(claims.encode(keys, token, {}, 0), JETON_ERR_JWT_KEY_INVALID);
        CHECK(token.empty());
        CHECK_STATUS(claims.encode(keys, token, {}, 2), JETON_OK);
        jeton::jwt_key_set verifier;
        CHECK_STATUS(verifier.add_pem(sv(k.spki_pem), sv(k.kid)), JETON_OK);
        jeton::verified_jwt verified;
        CHECK_STATUS(verified.verify(verifier, token, jeton::jwt_validation(0)), JETON_OK);
        CHECK(verified.view().algorithm == info.algorithm);
        signers++;
    }
    CHECK(signers == 8);
    // Private PEM documents (PyPI cryptography's).
    for (const auto &p : jt_asym_private_pems) {
        const jt_asym_key &k = jt_asym_keys[p.key];
        if (is(k.kty, "RSA")) continue;
        jeton::jwt_key_set keys;
        CHECK_STATUS(keys.add_private_pem(sv(p.pkcs8_pem), sv(k.kid)), JETON_OK);
        if (p.sec1_pem.s != nullptr) CHECK_STATUS(keys.add_private_pem(sv(p.sec1_pem)), JETON_OK);
        CHECK_STATUS(keys.add_private_pem(sv(k.spki_pem)), JETON_ERR_PEM_INVALID);
        std::string print;
        CHECK_STATUS(keys.thumbprint(keys.size() - 1, print), JETON_OK);
        CHECK(eq(print, k.thumbprint));
    }

    // Every peer token, with the key's JWK: jose's verdict.
    unsigned accepted = 0;
    for (const auto &t : jt_asym_tokens) {
        const jt_jwt_shape &shape = jt_jwt_shapes[t.shape];
        jeton::jwt_key_set keys;
        CHECK_STATUS(keys.add_jwk(sv(jt_asym_keys[t.key].public_jwk)), JETON_OK);
        jeton::jwt_validation validation(jt_asym_now);
        validation.required(JETON_JWT_CLAIM_NONE);
        if (shape.issuer.s != nullptr) validation.issuer(sv(shape.issuer));
        if (shape.audience.s != nullptr) {
            validation.audience(sv(shape.audience));
        } else {
            validation.flags(JETON_JWT_IGNORE_AUDIENCE);
        }
        jeton::verified_jwt token;
        jeton::status s = token.verify(keys, sv(t.token), validation);
        CHECK_STATUS(s, t.jose_accepted ? JETON_OK : shape.expect);
        if (!jeton::ok(s)) continue;
        accepted++;
        CHECK(token.view().algorithm == t.alg);
        std::string kid;
        CHECK(jeton::ok(token.header("kid", kid)) == (t.kid.s != nullptr));
        // Issued at 1600000000 (the registered shape): max_age by the second.
        int64_t iat = 0;
        if (jeton::ok(token.claim("iat", iat))) {
            jeton::verified_jwt aged;
            validation.max_age(static_cast<uint64_t>(jt_asym_now - iat));
            CHECK_STATUS(aged.verify(keys, sv(t.token), validation), JETON_OK);
            validation.max_age(static_cast<uint64_t>(jt_asym_now - iat - 1));
            CHECK_STATUS(aged.verify(keys, sv(t.token), validation), JETON_ERR_JWT_TOO_OLD);
        }
        // Their typ is JWT: explicit typing passes.
        validation.max_age(0).flags(JETON_JWT_REQUIRE_TYP | (shape.audience.s == nullptr ? JETON_JWT_IGNORE_AUDIENCE : 0));
        CHECK_STATUS(token.verify(keys, sv(t.token), validation), JETON_OK);
    }
    CHECK(accepted == 105);

    // A provider's JWK Set: loaded (26 KiB: on the heap), verifying its
    // tokens as jose decided but for jeton's documented deviations, from
    // several threads at once.
    const jt_asym_jwks &provider = jwks_doc("provider");
    auto set = std::make_unique<jeton::jwks>();
    jeton_jwks_summary summary{};
    CHECK_STATUS(set->load(sv(provider.document), &summary), JETON_OK);
    CHECK(summary.loaded == 8 && summary.skipped == 2 && set->size() == 8);
    for (std::size_t i = 0; i < provider.loaded; i++) {
        jeton_jwt_key_info info{};
        CHECK_STATUS(set->key_info(i, info), JETON_OK);
        CHECK(eq(jeton::kid(info), provider.keys[i].kid) && info.algorithm == provider.keys[i].alg &&
              info.flags == provider.keys[i].flags);
    }
    std::vector<std::thread> threads;
    std::array<unsigned, 4> agreed{};
    for (std::size_t n = 0; n < agreed.size(); n++) {
        threads.emplace_back([&set, &provider, &agreed, n] {
            jeton::jwt_validation validation(jt_asym_now);
            validation.required(JETON_JWT_CLAIM_NONE).flags(JETON_JWT_IGNORE_AUDIENCE);
            for (std::size_t i = 0; i < provider.n_tokens; i++) {
                const jt_asym_jwks_token &t = provider.tokens[i];
                jeton::verified_jwt token;
                bool accepted_here = jeton::ok(token.verify(*set, sv(t.token), validation));
                if (accepted_here == (t.jose_accepted != t.deviation)) agreed[n]++;
            }
        });
    }
    for (auto &t : threads) t.join();
    for (unsigned n : agreed) CHECK(n == provider.n_tokens);
    // A refused document leaves the keys; the documents jeton refuses.
    CHECK_STATUS(set->load(sv(jwks_doc("private-member").document)), JETON_ERR_JWK_PRIVATE_MEMBERS);
    CHECK(set->size() == 8);
    set.reset();

    // A small set into a key set, beside an HMAC key.
    const jt_asym_jwks &no_kid = jwks_doc("no-kid");
    jeton::jwt_key_set keys;
    CHECK_STATUS(keys.add(JETON_JWT_HS256, "a 32-byte secret for the C tests"), JETON_OK);
    CHECK_STATUS(keys.add(JETON_JWT_HS256, "too short"), JETON_ERR_KEY_TOO_WEAK);
    CHECK_STATUS(keys.add_jwks(sv(provider.document), &summary), JETON_ERR_CAPACITY_EXCEEDED);
    CHECK_STATUS(keys.add_jwks(sv(no_kid.document), &summary), JETON_OK);
    CHECK(summary.loaded == 3 && keys.size() == 4);
    std::string print;
    CHECK_STATUS(keys.thumbprint(0, print), JETON_ERR_KEY_UNSUPPORTED);
    jeton::jwt_validation validation(jt_asym_now);
    validation.required(JETON_JWT_CLAIM_NONE);
    for (std::size_t i = 0; i < no_kid.n_tokens; i++) {
        jeton::verified_jwt token;
        const jt_asym_jwks_token &t = no_kid.tokens[i];
        CHECK(jeton::ok(token.verify(keys, sv(t.token), validation)) == (t.jose_accepted != t.deviation));
    }
    // The legacy exception for a short secret; crit understood.
    jeton::jwt_key_set hmac;
    CHECK_STATUS(hmac.add_legacy_secret(JETON_JWT_HS256, "too short", "old"), JETON_OK);
    CHECK_STATUS(hmac.add(JETON_JWT_HS256, "a 32-byte secret for the C tests"), JETON_OK);
    jeton_jwt_key_info info{};
    CHECK_STATUS(hmac.key_info(0, info), JETON_OK);
    CHECK(jeton::kid(info) == "old" && info.algorithm == JETON_JWT_HS256);
    jeton::jwt_validation crit(2000000000);
    jeton::verified_jwt token;
    CHECK_STATUS(token.verify(hmac, kCritToken, crit), JETON_ERR_JWT_CRIT_UNSUPPORTED);
    crit.crit("urn:other").crit("http://example.com/x");
    CHECK_STATUS(token.verify(hmac, kCritToken, crit), JETON_OK);
    CHECK(token.view().key_index == 1);
}


// OAuth 2.0 and OpenID Connect through the wrapper: RFC 6749, 7636, 8628,
// 9449 and 7662 examples, and the oauth-tokens.json vectors.
void test_oauth() {
    std::string out, header;
    CHECK_STATUS(jeton::form_encode("a b+c~\303\251*", out), JETON_OK);
    CHECK(out == "a+b%2Bc%7E%C3%A9*");
    CHECK_STATUS(jeton::form_decode("a+b%2B%zz", out), JETON_OK);
    CHECK(out == "a b+%zz");
    jeton::form_pairs pairs("a=1&&b&=c");
    std::string_view name, value;
    CHECK(pairs.next(name, value) && name == "a" && value == "1");
    CHECK(pairs.next(name, value) && name == "b" && value.empty());
    CHECK(pairs.next(name, value) && name.empty() && value == "c");
    CHECK(!pairs.next(name, value));

    // RFC 7636 appendix B.
    static const uint8_t octets[32] = {116, 24,  223, 180, 151, 153, 224, 37, 79,  250, 96,  125, 216, 173, 187, 186,
                                       22,  212, 37,  77,  105, 214, 191, 240, 91, 88, 5,   88,  83,  132, 141, 121};
    CHECK_STATUS(jeton::pkce_verifier(
                     [](uint8_t *buf, std::size_t len) {
                         if (len != sizeof octets) return false;
                         std::memcpy(buf, octets, len);
                         return true;
                     },
                     out),
                 JETON_OK);
    CHECK(out == "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    std::string challenge;
    CHECK_STATUS(jeton::pkce_challenge(out, challenge), JETON_OK);
    CHECK(challenge == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");

    // RFC 6749 section 4.1.1 with the PKCE challenge, and section 4.1.3.
    jeton::authorization_request request("s6BhdRkqt3", "https://client.example.com/cb");
    request.state("xyz").code_challenge(challenge);
    CHECK_STATUS(request.url("https://server.example.com/authorize", out), JETON_OK);
    CHECK(out == "https://server.example.com/authorize?response_type=code&client_id=s6BhdRkqt3"
                 "&redirect_uri=https%3A%2F%2Fclient.example.com%2Fcb&state=xyz"
                 "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256");
    jeton::client_auth basic = jeton::client_auth::secret_basic("s6BhdRkqt3", "gX1fBat3bV");
    CHECK_STATUS(basic.header(header), JETON_OK);
    CHECK(header == "Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW");
    auto code_request = jeton::token_request::authorization_code(
        "SplxlOBeZQQYbYS6WxSbIA", "https://client.example.com/cb", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    CHECK_STATUS(code_request.body(basic, out), JETON_OK);
    CHECK(out == "grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA"
                 "&redirect_uri=https%3A%2F%2Fclient.example.com%2Fcb"
                 "&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    CHECK_STATUS(jeton::client_auth::none("s6BhdRkqt3").header(header), JETON_OK);
    CHECK(header.empty());
    CHECK_STATUS(jeton::token_request::refresh_token("tGzv3JOkF0XG5Qx2TlKWIA")
                     .body(jeton::client_auth::secret_post("s6BhdRkqt3", "7Fjfp0ZBr1KtDRbnfVdmIw"), out),
                 JETON_OK);
    CHECK(out == "grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA"
                 "&client_id=s6BhdRkqt3&client_secret=7Fjfp0ZBr1KtDRbnfVdmIw");
    CHECK_STATUS(jeton::authorization_request("s6BhdRkqt3", "https://client.example.com/cb")
                     .scope("openid")
                     .extra("state", "x")
                     .url("https://as/authorize", out),
                 JETON_ERR_OAUTH_DUPLICATE_PARAMETER);
    CHECK(out.empty());

    // RFC 6749 sections 4.1.2, 4.1.2.1, 5.1 and 5.2.
    jeton::oauth_callback cb;
    CHECK_STATUS(jeton::parse_oauth_callback("code=Splxl%4FBeZQQYbYS6WxSbIA&state=xyz", "", JETON_OAUTH_IGNORE_ISSUER,
                                             cb),
                 JETON_OK);
    CHECK(cb.code == "SplxlOBeZQQYbYS6WxSbIA" && cb.state == "xyz" && cb.outcome == JETON_OK);
    CHECK_STATUS(jeton::parse_oauth_callback("error=access_denied&state=xyz", "https://as", 0, cb), JETON_OK);
    CHECK(cb.code.empty() && cb.error == "access_denied" && cb.outcome == JETON_ERR_OAUTH_ACCESS_DENIED);
    CHECK_STATUS(jeton::parse_oauth_callback("code=x&iss=https%3A%2F%2Fevil", "https://as", 0, cb),
                 JETON_ERR_OAUTH_ISSUER_MISMATCH);
    jeton::oauth_token_response token;
    CHECK_STATUS(jeton::parse_token_response("{\"access_token\":\"2YotnFZFEjr1zCsicMWpAA\",\"token_type\":\"Bearer\","
                                             "\"expires_in\":3600,\"refresh_token\":\"tGzv3JOkF0XG5Qx2TlKWIA\"}",
                                             token),
                 JETON_OK);
    CHECK(token.access_token == "2YotnFZFEjr1zCsicMWpAA" && token.refresh_token == "tGzv3JOkF0XG5Qx2TlKWIA");
    CHECK(token.has_expires_in && token.expires_in == 3600 && token.token_type == JETON_OAUTH_TOKEN_BEARER);
    jeton::oauth_error_response error;
    CHECK_STATUS(jeton::parse_token_response("{\"error\":\"invalid_request\"}", token), JETON_ERR_OAUTH_SERVER_ERROR);
    CHECK_STATUS(jeton::parse_error_response("{\"error\":\"invalid_request\"}", error), JETON_OK);
    CHECK(error.error == "invalid_request" && error.error_code == JETON_OAUTH_ERROR_INVALID_REQUEST);

    // The signed state: issued, its cookie, verified once.
    jeton::hmac_key key;
    CHECK_STATUS(key.init(JETON_HMAC_SHA256, "an OAuth state key of 32 bytes.."), JETON_OK);
    jeton::key_ring ring;
    CHECK_STATUS(ring.push(key), JETON_OK);
    std::string state, payload;
    jeton_oauth_new_state issued;
    auto fill = [](uint8_t *buf, std::size_t len) {
        std::memset(buf, 0x42, len);
        return true;
    };
    CHECK_STATUS(jeton::oauth_state_issue(ring, fill, 1700000000, 0, "/home", state, issued), JETON_OK);
    CHECK_STATUS(jeton::oauth_state_cookie(issued, out), JETON_OK);
    CHECK(out.rfind(JETON_OAUTH_STATE_COOKIE "=", 0) == 0);
    jeton::revocation_list used;
    jeton_oauth_verified_state verified;
    CHECK_STATUS(jeton::oauth_state_verify(ring, state, jeton::text(issued.binding), 1700000030, 0, payload, verified,
                                           &used),
                 JETON_OK);
    CHECK(payload == "/home" && jeton::text(verified.code_verifier) == jeton::text(issued.code_verifier));
    CHECK_STATUS(jeton::oauth_state_verify(ring, state, jeton::text(issued.binding), 1700000031, 0, payload, verified,
                                           &used),
                 JETON_ERR_OAUTH_STATE_REPLAYED);
    CHECK(payload.empty());
    CHECK_STATUS(jeton::oauth_state_verify(ring, state, "", 1700000031, 0, payload, verified),
                 JETON_ERR_OAUTH_STATE_NOT_BOUND);

    // RFC 8628 section 3.5.
    jeton::device_poller poller;
    CHECK_STATUS(poller.init("{\"device_code\":\"GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS\",\"user_code\":"
                             "\"WDJB-MJHT\",\"verification_uri\":\"https://example.com/device\",\"expires_in\":1800,"
                             "\"interval\":5}",
                             1000000),
                 JETON_OK);
    bool done = true;
    int64_t next = 0;
    uint64_t wait = 0;
    CHECK_STATUS(poller.wait(1000000, wait), JETON_OK);
    CHECK(wait == 5);
    CHECK_STATUS(poller.on_response("{\"error\":\"slow_down\"}", 1000005, done, next, token), JETON_OK);
    CHECK(!done && next == 1000015);
    CHECK_STATUS(poller.on_no_response(1000015, next), JETON_OK);
    CHECK(next == 1000035);
    CHECK_STATUS(poller.on_response("{\"access_token\":\"a\",\"token_type\":\"DPoP\"}", 1000035, done, next, token),
                 JETON_OK);
    CHECK(done && token.access_token == "a" && token.token_type == JETON_OAUTH_TOKEN_DPOP);
    jeton_oauth_device_poll_info info;
    CHECK_STATUS(poller.info(info), JETON_OK);
    CHECK(info.interval == 20 && info.expires_at == 1001800);

    // Metadata, an access token and a DPoP proof from oauth-tokens.json.
    jeton::oauth_metadata meta;
    const jt_metadata_vec &doc = jt_metadata_vecs[0];
    CHECK_STATUS(meta.parse(std::string_view(doc.document.s, doc.document.n), "https://as.example.com",
                            JETON_OAUTH_PROFILE_OPENID),
                 JETON_OK);
    CHECK(jeton::view(meta.get().token_endpoint) == "https://as.example.com/token");
    CHECK(jeton::oauth_metadata::contains(meta.get().dpop_signing_alg_values_supported, "EdDSA"));
    CHECK(!jeton::oauth_metadata::contains(meta.get().grant_types_supported, "implicit"));
    auto provider = std::make_unique<jeton::jwks>();
    CHECK_STATUS(provider->load(std::string_view(jt_oauth_jwks.s, jt_oauth_jwks.n)), JETON_OK);
    jeton_oauth_access_token_validation atv{};
    atv.now = jt_oauth_now;
    atv.issuer = jeton::bytes(std::string_view(jt_oauth_issuer.s, jt_oauth_issuer.n));
    atv.resource = jeton::bytes(std::string_view(jt_oauth_resource.s, jt_oauth_resource.n));
    jeton::verified_jwt at;
    const jt_access_token_vec &valid = jt_access_token_vecs[0];
    CHECK_STATUS(at.verify_access_token(*provider, std::string_view(valid.token.s, valid.token.n), atv), JETON_OK);
    CHECK(at.cnf_jkt().empty());
    CHECK_STATUS(at.claim("client_id", out), JETON_OK);
    CHECK(out == "s6BhdRkqt3");
    const jt_dpop_vec &d = jt_dpop_vecs[0];
    std::string_view bound(d.access_token.s, d.access_token.n);
    CHECK_STATUS(at.verify_access_token(*provider, bound, atv), JETON_ERR_DPOP_KEY_MISMATCH);
    atv.flags = JETON_OAUTH_DPOP_PRESENTED;
    CHECK_STATUS(at.verify_access_token(*provider, bound, atv), JETON_OK);
    CHECK(at.cnf_jkt().size() == JETON_OAUTH_THUMBPRINT_LEN);
    jeton_dpop_validation dv{};
    dv.now = jt_oauth_now;
    dv.method = jeton::bytes(std::string_view(d.method.s, d.method.n));
    dv.uri = jeton::bytes(std::string_view(d.url.s, d.url.n));
    dv.access_token = jeton::bytes(bound);
    std::string jkt(at.cnf_jkt());
    dv.jkt = jeton::bytes(jkt);
    dv.flags = JETON_OAUTH_HAS_MAX_AGE;
    dv.leeway = 300;
    jeton::verified_jwt proof;
    jeton::revocation_list seen;
    CHECK_STATUS(proof.verify_dpop_proof(std::string_view(d.proof.s, d.proof.n), dv, &seen), JETON_OK);
    CHECK(proof.thumbprint() == jkt);
    CHECK_STATUS(proof.verify_dpop_proof(std::string_view(d.proof.s, d.proof.n), dv, &seen), JETON_ERR_DPOP_REPLAYED);
    CHECK(proof.thumbprint().empty());

    // jeton's own proof, as oauth4webapi accepted it.
    const jt_jeton_proof_vec &mine = jt_jeton_proof_vecs[0];
    jeton::jwt_key_set client;
    CHECK_STATUS(client.add_private_jwk(std::string_view(mine.private_jwk.s, mine.private_jwk.n)), JETON_OK);
    uint8_t entropy[16];
    std::memset(entropy, mine.entropy, sizeof entropy);
    jeton_dpop_proof p{};
    p.method = jeton::bytes(std::string_view(mine.method.s, mine.method.n));
    p.uri = jeton::bytes(std::string_view(mine.url.s, mine.url.n));
    p.iat = mine.iat;
    p.jti_entropy = jeton_bytes{entropy, sizeof entropy};
    p.access_token = jeton::bytes(std::string_view(mine.access_token.s, mine.access_token.n));
    if (mine.nonce.s != nullptr) p.nonce = jeton::bytes(std::string_view(mine.nonce.s, mine.nonce.n));
    CHECK_STATUS(jeton::dpop_proof(client, 0, p, out), JETON_OK);
    CHECK(eq(out, mine.proof));
    std::string_view dpop_token;
    CHECK_STATUS(jeton::parse_dpop("DPoP Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU", dpop_token), JETON_OK);
    CHECK(dpop_token == "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU");

    // RFC 7662 section 2.2.
    std::string buf;
    jeton_oauth_introspection intro;
    jeton_oauth_introspection_check check{};
    check.now = 1419350300;
    std::string_view rfc7662 = "{\"active\":true,\"client_id\":\"l238j323ds-23ij4\",\"scope\":\"read write dolphin\","
                               "\"exp\":1419356238}";
    CHECK_STATUS(jeton::parse_introspection(rfc7662, &check, buf, intro), JETON_OK);
    CHECK(jeton::view(intro.client_id) == "l238j323ds-23ij4" && intro.exp == 1419356238);
    CHECK(jeton::scope_contains(jeton::view(intro.scope), "dolphin"));
    CHECK_STATUS(jeton::parse_introspection("{\"active\":false}", nullptr, buf, intro), JETON_ERR_TOKEN_INACTIVE);
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
    test_jwt_asym();
    test_oauth();
    std::printf("jeton C++ tests: %lu checks, %lu failures\n", jt_checks, jt_failures);
    return jt_failures == 0 ? 0 : 1;
}
