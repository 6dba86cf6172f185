/*
 * jeton.hpp: a thin, header-only C++17 layer over jeton.h.
 *
 * - Objects own their storage and clear it in their destructor (RAII); they
 *   are not copyable, and movable (jeton objects are plain bytes) except
 *   the cookie jar, the session store and the revocation list, which are
 *   large: place them once (static, or std::make_unique).
 * - Inputs are std::string_view; borrowed results are std::string_view
 *   pointing into your input, with the lifetimes jeton.h states. A view
 *   does not keep a temporary std::string alive: pass inputs that outlive
 *   the results.
 * - Nothing throws: every call returns the jeton_status of the C function.
 *   The helpers that fill a std::string, the JWT builders and verified_jwt
 *   allocate with your allocator (the library itself never allocates); the
 *   ones that take a buffer do not.
 *
 * Everything here is inline and calls the C API only; link libjeton as for
 * C.
 */
#ifndef JETON_HPP
#define JETON_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "jeton.h"

namespace jeton {

/** A jeton_status: JETON_OK, JETON_DONE or a negative JETON_ERR_* value. */
using status = jeton_status;

/** True for JETON_OK. */
inline bool ok(status s) noexcept { return s == JETON_OK; }

/** The static description of any status, as jeton_status_str. */
inline const char *status_str(status s) noexcept { return jeton_status_str(s); }

namespace detail {

/** A non-NULL pointer to the bytes of `s` (jeton refuses NULL inputs, and
 *  an empty std::string_view may hold one). */
inline const uint8_t *data(std::string_view s) noexcept {
    return reinterpret_cast<const uint8_t *>(s.data() != nullptr ? s.data() : "");
}

/** Runs `write(out, out_cap, out_len)` into `out`, growing it once to the
 *  length jeton asks for. On failure `out` is left empty. */
template <class Write>
status write_string(std::string &out, Write &&write) {
    if (out.size() < 64) out.resize(64);
    out.resize(out.capacity());
    std::size_t len = 0;
    status s = write(reinterpret_cast<uint8_t *>(out.data()), out.size(), &len);
    if (s == JETON_ERR_BUFFER_TOO_SMALL) {
        out.resize(len);
        s = write(reinterpret_cast<uint8_t *>(out.data()), out.size(), &len);
    }
    out.resize(ok(s) ? len : 0);
    return s;
}

}  // namespace detail

/** A view of the bytes a jeton_bytes points to (empty when absent). */
inline std::string_view view(jeton_bytes b) noexcept {
    return b.ptr != nullptr ? std::string_view(reinterpret_cast<const char *>(b.ptr), b.len)
                            : std::string_view();
}

/** A jeton_bytes of `s`, for the fields of jeton_set_cookie. */
inline jeton_bytes bytes(std::string_view s) noexcept { return jeton_bytes{detail::data(s), s.size()}; }

/** The library's version string, "MAJOR.MINOR.PATCH". */
inline std::string_view version() noexcept { return jeton_version(); }

/** An HMAC key (jeton_hmac_key) that clears itself. */
class hmac_key {
  public:
    hmac_key() noexcept = default;
    ~hmac_key() { reset(); }
    hmac_key(const hmac_key &) = delete;
    hmac_key &operator=(const hmac_key &) = delete;
    hmac_key(hmac_key &&other) noexcept { take(other); }
    hmac_key &operator=(hmac_key &&other) noexcept {
        if (this != &other) {
            reset();
            take(other);
        }
        return *this;
    }

    /** jeton_hmac_key_init; the previous key, if any, is cleared first. */
    status init(jeton_hmac_algorithm algorithm, std::string_view secret) noexcept {
        reset();
        return jeton_hmac_key_init(&key_, algorithm, detail::data(secret), secret.size());
    }
    /** jeton_hmac_key_init_base64. */
    status init_base64(jeton_hmac_algorithm algorithm, std::string_view encoded) noexcept {
        reset();
        return jeton_hmac_key_init_base64(&key_, algorithm, detail::data(encoded), encoded.size());
    }
    /** Clears the key (JETON_ERR_NOT_INITIALIZED until init again). */
    void reset() noexcept { (void)jeton_hmac_key_clear(&key_); }

    /** The tag of `data` into `tag`. */
    status sign(std::string_view data, std::string &tag) const {
        return detail::write_string(tag, [&](uint8_t *out, std::size_t cap, std::size_t *len) {
            return jeton_hmac_key_sign(&key_, detail::data(data), data.size(), out, cap, len);
        });
    }
    /** JETON_OK when `tag` is the tag of `data` (constant time). */
    status verify(std::string_view data, std::string_view tag) const noexcept {
        return jeton_hmac_key_verify(&key_, detail::data(data), data.size(), detail::data(tag), tag.size());
    }
    /** The C object, for the C functions. */
    const jeton_hmac_key *get() const noexcept { return &key_; }

  private:
    void take(hmac_key &other) noexcept {
        std::memcpy(static_cast<void *>(&key_), &other.key_, sizeof key_);
        other.reset();
    }
    jeton_hmac_key key_{};
};

/** A key ring (jeton_key_ring) that clears itself. */
class key_ring {
  public:
    key_ring() noexcept { (void)jeton_key_ring_init(&ring_); }
    ~key_ring() { (void)jeton_key_ring_clear(&ring_); }
    key_ring(const key_ring &) = delete;
    key_ring &operator=(const key_ring &) = delete;
    key_ring(key_ring &&other) noexcept { take(other); }
    key_ring &operator=(key_ring &&other) noexcept {
        if (this != &other) {
            (void)jeton_key_ring_clear(&ring_);
            take(other);
        }
        return *this;
    }

    /** Adds a copy of `key` after the others (the first signs). */
    status push(const hmac_key &key) noexcept { return jeton_key_ring_push(&ring_, key.get()); }
    /** Adds a key made from `secret`. */
    status push(jeton_hmac_algorithm algorithm, std::string_view secret) noexcept {
        hmac_key key;
        status s = key.init(algorithm, secret);
        return ok(s) ? push(key) : s;
    }
    /** Puts a copy of `key` first; the oldest leaves when full. */
    status rotate_in(const hmac_key &key) noexcept { return jeton_key_ring_rotate_in(&ring_, key.get()); }
    /** The number of keys (0 if the ring is unusable). */
    std::size_t size() const noexcept {
        std::size_t n = 0;
        return ok(jeton_key_ring_len(&ring_, &n)) ? n : 0;
    }
    /** The tag of `data` under the first key. */
    status sign(std::string_view data, std::string &tag) const {
        return detail::write_string(tag, [&](uint8_t *out, std::size_t cap, std::size_t *len) {
            return jeton_key_ring_sign(&ring_, detail::data(data), data.size(), out, cap, len);
        });
    }
    /** JETON_OK with the index of the key that produced `tag`. */
    status verify(std::string_view data, std::string_view tag, std::size_t &key_index) const noexcept {
        return jeton_key_ring_verify(&ring_, detail::data(data), data.size(), detail::data(tag), tag.size(),
                                     &key_index);
    }
    /** The C object, for the C functions. */
    const jeton_key_ring *get() const noexcept { return &ring_; }

  private:
    void take(key_ring &other) noexcept {
        std::memcpy(static_cast<void *>(&ring_), &other.ring_, sizeof ring_);
        (void)jeton_key_ring_clear(&other.ring_);
        (void)jeton_key_ring_init(&other.ring_);
    }
    jeton_key_ring ring_;
};

/** One pair of a Cookie header; the views point into the header. */
struct cookie_pair {
    std::string_view name;
    std::string_view value;
    std::string_view value_unquoted;
};

/** The pairs of a Cookie header, for range-for: every pair, in order,
 *  duplicates included. `header` must outlive the range and its pairs.
 *  A header over the default limits yields no pair: see result(). */
class cookies {
  public:
    explicit cookies(std::string_view header) noexcept : header_(header) {
        status_ = jeton_cookie_iter_init(&start_, detail::data(header_), header_.size());
    }
    /** JETON_OK, or why the header was refused (limits). */
    status result() const noexcept { return status_; }

    class iterator {
      public:
        const cookie_pair &operator*() const noexcept { return current_; }
        const cookie_pair *operator->() const noexcept { return &current_; }
        iterator &operator++() noexcept {
            jeton_cookie_pair pair;
            done_ = !ok(jeton_cookie_iter_next(&it_, &pair));
            if (!done_) current_ = cookie_pair{view(pair.name), view(pair.value), view(pair.value_unquoted)};
            return *this;
        }
        bool operator==(const iterator &other) const noexcept { return done_ && other.done_; }
        bool operator!=(const iterator &other) const noexcept { return !(*this == other); }

      private:
        friend class cookies;
        iterator() noexcept = default;
        explicit iterator(const jeton_cookie_iter &start) noexcept : it_(start), done_(false) { ++*this; }
        jeton_cookie_iter it_{};
        cookie_pair current_{};
        bool done_ = true;
    };

    iterator begin() const noexcept { return ok(status_) ? iterator(start_) : iterator(); }
    iterator end() const noexcept { return iterator(); }

  private:
    std::string_view header_;
    jeton_cookie_iter start_{};
    jeton_status status_;
};

/** The first pair named `name` in `header` (jeton_cookie_header_get). */
inline status get_cookie(std::string_view header, std::string_view name, cookie_pair &pair) noexcept {
    jeton_cookie_pair c;
    status s = jeton_cookie_header_get(detail::data(header), header.size(), detail::data(name), name.size(), &c);
    if (ok(s)) pair = cookie_pair{view(c.name), view(c.value), view(c.value_unquoted)};
    return s;
}

/** A cookie value percent-decoded as npm cookie does. */
inline status decode_cookie_value(std::string_view value, std::string &out) {
    return detail::write_string(out, [&](uint8_t *o, std::size_t cap, std::size_t *len) {
        return jeton_cookie_value_decode(detail::data(value), value.size(), o, cap, len);
    });
}

/** A Set-Cookie header under construction: the views must outlive the
 *  calls that write it. */
class set_cookie {
  public:
    set_cookie(std::string_view name, std::string_view value) noexcept {
        c_.name = bytes(name);
        c_.value = bytes(value);
    }
    set_cookie &path(std::string_view p) noexcept { return c_.path = bytes(p), *this; }
    set_cookie &domain(std::string_view d) noexcept { return c_.domain = bytes(d), *this; }
    set_cookie &max_age(int64_t seconds) noexcept {
        c_.max_age = seconds;
        return flag(JETON_COOKIE_HAS_MAX_AGE, true);
    }
    set_cookie &expires(int64_t unix_seconds) noexcept {
        c_.expires = unix_seconds;
        return flag(JETON_COOKIE_HAS_EXPIRES, true);
    }
    set_cookie &secure(bool on = true) noexcept { return flag(JETON_COOKIE_SECURE, on); }
    set_cookie &http_only(bool on = true) noexcept { return flag(JETON_COOKIE_HTTP_ONLY, on); }
    set_cookie &partitioned(bool on = true) noexcept { return flag(JETON_COOKIE_PARTITIONED, on); }
    set_cookie &encode_value(bool on = true) noexcept { return flag(JETON_COOKIE_ENCODE_VALUE, on); }
    set_cookie &same_site(jeton_same_site s) noexcept { return c_.same_site = s, *this; }
    set_cookie &priority(jeton_priority p) noexcept { return c_.priority = p, *this; }
    set_cookie &style(jeton_attribute_style s) noexcept { return c_.style = s, *this; }

    /** jeton_set_cookie_validate. */
    status validate() const noexcept { return jeton_set_cookie_validate(&c_); }
    /** The header value into `out`. */
    status write(std::string &out) const {
        return detail::write_string(out, [&](uint8_t *o, std::size_t cap, std::size_t *len) {
            return jeton_set_cookie_write(&c_, o, cap, len);
        });
    }
    /** The header value that deletes this cookie. */
    status write_removal(std::string &out) const {
        return detail::write_string(out, [&](uint8_t *o, std::size_t cap, std::size_t *len) {
            return jeton_set_cookie_write_removal(&c_, o, cap, len);
        });
    }
    /** The C description, for the C functions. */
    const jeton_set_cookie *get() const noexcept { return &c_; }

  private:
    set_cookie &flag(jeton_cookie_flags bit, bool on) noexcept {
        c_.flags = on ? (c_.flags | bit) : (c_.flags & ~bit);
        return *this;
    }
    jeton_set_cookie c_{};
};

/** A client cookie jar (jeton_cookie_jar, about 10 KiB) that clears
 *  itself. Not copyable; place it where 10 KiB is welcome. */
class cookie_jar {
  public:
    cookie_jar() noexcept { (void)jeton_cookie_jar_init(&jar_); }
    ~cookie_jar() { (void)jeton_cookie_jar_clear(&jar_); }
    cookie_jar(const cookie_jar &) = delete;
    cookie_jar &operator=(const cookie_jar &) = delete;

    /** Stores a Set-Cookie header received from `url` at `now`. */
    status store(std::string_view set_cookie_header, std::string_view url, int64_t now,
                 jeton_store_outcome *outcome = nullptr, std::size_t *evicted = nullptr) noexcept {
        jeton_store_outcome o;
        std::size_t e;
        return jeton_cookie_jar_store(&jar_, detail::data(set_cookie_header), set_cookie_header.size(),
                                      detail::data(url), url.size(), now, outcome ? outcome : &o,
                                      evicted ? evicted : &e);
    }
    /** The Cookie header for a request to `url` at `now`. */
    status cookie_header(std::string_view url, int64_t now, std::string &out) {
        return detail::write_string(out, [&](uint8_t *o, std::size_t cap, std::size_t *len) {
            return jeton_cookie_jar_cookie_header(&jar_, detail::data(url), url.size(), now, o, cap, len);
        });
    }
    /** The number of cookies held. */
    std::size_t size() const noexcept {
        std::size_t n = 0;
        return ok(jeton_cookie_jar_len(&jar_, &n)) ? n : 0;
    }
    /** The C object, for the C functions. */
    jeton_cookie_jar *get() noexcept { return &jar_; }

  private:
    jeton_cookie_jar jar_;
};

/** keygrip: the two Set-Cookie headers of a signed cookie. */
inline status keygrip_write_set_cookies(const key_ring &ring, const set_cookie &cookie, std::string &main,
                                        std::string &sig) {
    std::size_t main_len = 0, sig_len = 0;
    main.resize(main.capacity() < 128 ? 128 : main.capacity());
    sig.resize(sig.capacity() < 128 ? 128 : sig.capacity());
    auto run = [&] {
        return jeton_keygrip_write_set_cookies(ring.get(), cookie.get(), reinterpret_cast<uint8_t *>(main.data()),
                                               main.size(), &main_len, reinterpret_cast<uint8_t *>(sig.data()),
                                               sig.size(), &sig_len);
    };
    status s = run();
    if (s == JETON_ERR_BUFFER_TOO_SMALL) {
        main.resize(main_len);
        sig.resize(sig_len);
        s = run();
    }
    main.resize(ok(s) ? main_len : 0);
    sig.resize(ok(s) ? sig_len : 0);
    return s;
}

/** keygrip: the signed cookie `name` of a Cookie header, as cookie-session
 *  reads it; `value` points into `header`. */
inline status keygrip_verify_cookie(const key_ring &ring, std::string_view header, std::string_view name,
                                    std::string_view &value, std::size_t &key_index) noexcept {
    jeton_bytes v;
    status s = jeton_keygrip_verify_cookie(ring.get(), detail::data(header), header.size(), detail::data(name),
                                           name.size(), &v, &key_index);
    if (ok(s)) value = view(v);
    return s;
}

/** cookie-signature: `value.signature`. */
inline status cookie_signature_sign(const key_ring &ring, std::string_view value, std::string &out) {
    return detail::write_string(out, [&](uint8_t *o, std::size_t cap, std::size_t *len) {
        return jeton_cookie_signature_sign(ring.get(), detail::data(value), value.size(), o, cap, len);
    });
}

/** cookie-signature: the value of `signed_value`, pointing into it. */
inline status cookie_signature_unsign(const key_ring &ring, std::string_view signed_value,
                                      std::string_view &value, std::size_t &key_index) noexcept {
    jeton_bytes v;
    status s = jeton_cookie_signature_unsign(ring.get(), detail::data(signed_value), signed_value.size(), &v,
                                             &key_index);
    if (ok(s)) value = view(v);
    return s;
}

/** express-session: the session ID in a Cookie header, decoded into
 *  `scratch` (which `session_id` then points into). */
inline status express_unsign(const key_ring &ring, std::string_view header, std::string_view name,
                             std::string &scratch, std::string_view &session_id, std::size_t &key_index) {
    jeton_bytes id;
    std::size_t needed = 0;
    scratch.resize(header.size());
    status s = jeton_cookie_signature_express_unsign(
        ring.get(), detail::data(header), header.size(), detail::data(name), name.size(),
        reinterpret_cast<uint8_t *>(scratch.data()), scratch.size(), &needed, &id, &key_index);
    if (ok(s)) session_id = view(id);
    return s;
}

/** Validates a JSON document under `limits` (zero-filled: the defaults). */
inline status json_validate(std::string_view json, jeton_json_kind &kind, const jeton_json_limits &limits = {}) noexcept {
    return jeton_json_validate(detail::data(json), json.size(), &limits, &kind);
}

// ---------------------------------------------------------------------
// HTTP authentication.

/** Basic credentials, decoded into `buf` (resized to fit); `user` and
 *  `password` point into `buf`, valid until it changes. `buf` then holds
 *  the password: overwrite it when done. On failure it holds nothing
 *  decoded. */
inline status parse_basic(std::string_view header, std::string &buf, std::string_view &user,
                          std::string_view &password) {
    buf.resize(header.size() + 1);
    std::size_t used = 0;
    jeton_basic_credentials c;
    status s = jeton_auth_basic_parse(detail::data(header), header.size(), reinterpret_cast<uint8_t *>(buf.data()),
                                      buf.size(), &used, &c);
    if (ok(s)) {
        user = view(c.user);
        password = view(c.password);
    }
    return s;
}

/** `Basic <base64(user:password)>`. */
inline status format_basic(std::string_view user, std::string_view password, std::string &out) {
    return detail::write_string(out, [&](uint8_t *o, std::size_t cap, std::size_t *len) {
        return jeton_auth_basic_format(detail::data(user), user.size(), detail::data(password), password.size(), o,
                                       cap, len);
    });
}

/** The token of an `Authorization: Bearer` header, pointing into it. */
inline status parse_bearer(std::string_view header, std::string_view &token) noexcept {
    jeton_bytes t;
    status s = jeton_auth_bearer_parse(detail::data(header), header.size(), &t);
    if (ok(s)) token = view(t);
    return s;
}

/** A `WWW-Authenticate: Basic` challenge. */
inline status basic_challenge(std::string_view realm, std::string &out, bool charset_utf8 = true) {
    return detail::write_string(out, [&](uint8_t *o, std::size_t cap, std::size_t *len) {
        return jeton_auth_basic_challenge(detail::data(realm), realm.size(), charset_utf8, o, cap, len);
    });
}

/** A `WWW-Authenticate: Bearer` challenge. */
inline status bearer_challenge(const jeton_bearer_challenge &challenge, std::string &out) {
    return detail::write_string(out, [&](uint8_t *o, std::size_t cap, std::size_t *len) {
        return jeton_auth_bearer_challenge(&challenge, o, cap, len);
    });
}

// ---------------------------------------------------------------------
// Sessions.

/** A session ID from `fill(uint8_t *buf, std::size_t len) -> bool`, any
 *  callable that fills `buf` with random bytes and says whether it could
 *  (it must not throw: an exception ends the program). */
template <class Fill>
status generate_session_id(Fill &&fill, std::string &out) {
    using F = std::remove_reference_t<Fill>;
    jeton_entropy_fn trampoline = [](void *ctx, uint8_t *buf, std::size_t len) noexcept -> jeton_status {
        return (*static_cast<F *>(ctx))(buf, len) ? JETON_OK : JETON_ERR_ENTROPY_UNAVAILABLE;
    };
    out.resize(JETON_SESSION_ID_LEN);
    std::size_t n = 0;
    status s = jeton_session_id_generate(trampoline, const_cast<void *>(static_cast<const void *>(&fill)),
                                         reinterpret_cast<uint8_t *>(out.data()), out.size(), &n);
    out.resize(ok(s) ? n : 0);
    return s;
}

/** A server-side session store (jeton_session_store, 24 KiB) that clears
 *  itself: allocate it (std::make_unique) or make it static. */
class session_store {
  public:
    explicit session_store(uint64_t ttl_seconds, uint64_t absolute_lifetime_seconds = 0) noexcept {
        (void)jeton_session_store_init(&store_, ttl_seconds, absolute_lifetime_seconds);
    }
    ~session_store() { (void)jeton_session_store_clear(&store_); }
    session_store(const session_store &) = delete;
    session_store &operator=(const session_store &) = delete;

    status create(std::string_view id, const jeton_session_user &user, int64_t now, jeton_session &out) noexcept {
        return jeton_session_store_create(&store_, detail::data(id), id.size(), &user, now, &out);
    }
    status lookup(std::string_view id, int64_t now, jeton_session &out) const noexcept {
        return jeton_session_store_lookup(&store_, detail::data(id), id.size(), now, &out);
    }
    status touch(std::string_view id, int64_t now, jeton_session &out) noexcept {
        return jeton_session_store_touch(&store_, detail::data(id), id.size(), now, &out);
    }
    status rotate(std::string_view old_id, std::string_view new_id, int64_t now, jeton_session &out) noexcept {
        return jeton_session_store_rotate(&store_, detail::data(old_id), old_id.size(), detail::data(new_id),
                                          new_id.size(), now, &out);
    }
    status revoke(std::string_view id) noexcept {
        return jeton_session_store_revoke(&store_, detail::data(id), id.size());
    }
    /** Ends every session of `user_id`; returns how many (0 on error). */
    std::size_t revoke_user(uint64_t user_id) noexcept {
        std::size_t n = 0;
        return ok(jeton_session_store_revoke_user(&store_, user_id, &n)) ? n : 0;
    }
    std::size_t purge(int64_t now) noexcept {
        std::size_t n = 0;
        return ok(jeton_session_store_purge(&store_, now, &n)) ? n : 0;
    }
    std::size_t size() const noexcept {
        std::size_t n = 0;
        return ok(jeton_session_store_len(&store_, &n)) ? n : 0;
    }
    /** The C object, for the C functions. */
    jeton_session_store *get() noexcept { return &store_; }

  private:
    jeton_session_store store_;
};

/** A JWT revocation list (jeton_revocation_list, 10.5 KiB) that clears
 *  itself. */
class revocation_list {
  public:
    revocation_list() noexcept { (void)jeton_revocation_list_init(&list_); }
    ~revocation_list() { (void)jeton_revocation_list_clear(&list_); }
    revocation_list(const revocation_list &) = delete;
    revocation_list &operator=(const revocation_list &) = delete;

    /** Keeps entries `seconds` past their exp: at least the verifiers' leeway. */
    status set_leeway(uint64_t seconds) noexcept { return jeton_revocation_list_set_leeway(&list_, seconds); }
    status revoke(std::string_view jti, int64_t exp, int64_t now) noexcept {
        return jeton_revocation_list_revoke(&list_, detail::data(jti), jti.size(), exp, now);
    }
    status revoke(const jeton_jwt_verified &token, int64_t now) noexcept {
        return jeton_revocation_list_revoke_token(&list_, &token, now);
    }
    bool contains(std::string_view jti, int64_t now) const noexcept {
        bool revoked = false;
        return ok(jeton_revocation_list_contains(&list_, detail::data(jti), jti.size(), now, &revoked)) && revoked;
    }
    std::size_t size() const noexcept {
        std::size_t n = 0;
        return ok(jeton_revocation_list_len(&list_, &n)) ? n : 0;
    }
    /** The C object, for jeton_jwt_validation.revocation. */
    const jeton_revocation_list *get() const noexcept { return &list_; }
    jeton_revocation_list *get() noexcept { return &list_; }

  private:
    jeton_revocation_list list_;
};

// ---------------------------------------------------------------------
// JWT.

/** A JWT key set (jeton_jwt_key_set) that clears itself. */
class jwt_key_set {
  public:
    jwt_key_set() noexcept { (void)jeton_jwt_key_set_init(&keys_); }
    ~jwt_key_set() { (void)jeton_jwt_key_set_clear(&keys_); }
    jwt_key_set(const jwt_key_set &) = delete;
    jwt_key_set &operator=(const jwt_key_set &) = delete;
    jwt_key_set(jwt_key_set &&other) noexcept { take(other); }
    jwt_key_set &operator=(jwt_key_set &&other) noexcept {
        if (this != &other) {
            (void)jeton_jwt_key_set_clear(&keys_);
            take(other);
        }
        return *this;
    }

    /** Adds a key made from `secret`, with `kid` (empty: none). */
    status add(jeton_jwt_algorithm algorithm, std::string_view secret, std::string_view kid = {}) noexcept {
        return jeton_jwt_key_set_add(&keys_, algorithm, detail::data(secret), secret.size(), detail::data(kid),
                                     kid.size());
    }
    /** Adds a copy of an HMAC-SHA256/384/512 key. */
    status add(const hmac_key &key, std::string_view kid = {}) noexcept {
        return jeton_jwt_key_set_add_hmac_key(&keys_, key.get(), detail::data(kid), kid.size());
    }
    std::size_t size() const noexcept {
        std::size_t n = 0;
        return ok(jeton_jwt_key_set_len(&keys_, &n)) ? n : 0;
    }
    /** The C object, for the C functions. */
    const jeton_jwt_key_set *get() const noexcept { return &keys_; }

  private:
    void take(jwt_key_set &other) noexcept {
        std::memcpy(static_cast<void *>(&keys_), &other.keys_, sizeof keys_);
        (void)jeton_jwt_key_set_clear(&other.keys_);
        (void)jeton_jwt_key_set_init(&other.keys_);
    }
    jeton_jwt_key_set keys_;
};

/** A claims set to encode; every string_view given must outlive encode(). */
class jwt_claims {
  public:
    jwt_claims &issuer(std::string_view v) noexcept { return c_.iss = bytes(v), *this; }
    jwt_claims &subject(std::string_view v) noexcept { return c_.sub = bytes(v), *this; }
    jwt_claims &audience(std::string_view v) noexcept { return c_.aud = bytes(v), *this; }
    /** Adds one audience to the `aud` array. */
    jwt_claims &add_audience(std::string_view v) {
        auds_.push_back(bytes(v));
        return *this;
    }
    jwt_claims &jwt_id(std::string_view v) noexcept { return c_.jti = bytes(v), *this; }
    jwt_claims &expires_at(int64_t t) noexcept { return c_.exp = t, c_.flags |= JETON_JWT_HAS_EXP, *this; }
    jwt_claims &not_before(int64_t t) noexcept { return c_.nbf = t, c_.flags |= JETON_JWT_HAS_NBF, *this; }
    jwt_claims &issued_at(int64_t t) noexcept { return c_.iat = t, c_.flags |= JETON_JWT_HAS_IAT, *this; }
    jwt_claims &string(std::string_view name, std::string_view value) {
        return add(name, JETON_JWT_VALUE_STRING, value, 0);
    }
    jwt_claims &integer(std::string_view name, int64_t value) { return add(name, JETON_JWT_VALUE_INT, {}, value); }
    jwt_claims &boolean(std::string_view name, bool value) { return add(name, JETON_JWT_VALUE_BOOL, {}, value); }
    /** A claim whose value is raw JSON (checked when encoding). */
    jwt_claims &json(std::string_view name, std::string_view raw) {
        return add(name, JETON_JWT_VALUE_JSON, raw, 0);
    }

    /** The C description (its arrays point into this object). */
    jeton_jwt_claims get() const noexcept {
        jeton_jwt_claims c = c_;
        c.audiences = auds_.empty() ? nullptr : auds_.data();
        c.audience_count = auds_.size();
        c.custom = custom_.empty() ? nullptr : custom_.data();
        c.custom_count = custom_.size();
        return c;
    }

    /** jeton_jwt_encode with the key at `key_index` into `out`. */
    status encode(const jwt_key_set &keys, std::string &out, const jeton_jwt_header &header = {},
                  std::size_t key_index = 0) const {
        jeton_jwt_claims c = get();
        return detail::write_string(out, [&](uint8_t *o, std::size_t cap, std::size_t *len) {
            return jeton_jwt_encode(keys.get(), key_index, &header, &c, o, cap, len);
        });
    }

  private:
    jwt_claims &add(std::string_view name, jeton_jwt_value_kind kind, std::string_view text, int64_t integer) {
        jeton_jwt_claim claim{};
        claim.name = bytes(name);
        claim.kind = kind;
        claim.text = bytes(text);
        claim.integer = integer;
        custom_.push_back(claim);
        return *this;
    }
    jeton_jwt_claims c_{};
    std::vector<jeton_bytes> auds_;
    std::vector<jeton_jwt_claim> custom_;
};

/** What to check when verifying; string_views given must outlive verify(). */
class jwt_validation {
  public:
    explicit jwt_validation(int64_t now) noexcept { v_.now = now; }
    jwt_validation &leeway(uint64_t seconds) noexcept { return v_.leeway = seconds, *this; }
    jwt_validation &max_token_len(std::size_t len) noexcept { return v_.max_token_len = len, *this; }
    jwt_validation &issuer(std::string_view v) {
        issuers_.push_back(bytes(v));
        return *this;
    }
    jwt_validation &audience(std::string_view v) {
        audiences_.push_back(bytes(v));
        return *this;
    }
    jwt_validation &subject(std::string_view v) noexcept { return v_.subject = bytes(v), *this; }
    /** JETON_JWT_CLAIM_* bits (JETON_JWT_CLAIM_NONE: nothing required). */
    jwt_validation &required(jeton_jwt_claim_set claims) noexcept { return v_.required = claims, *this; }
    /** JETON_JWT_IGNORE_AUDIENCE, JETON_JWT_SKIP_*_CHECK, JETON_JWT_ANY_TYP. */
    jwt_validation &flags(jeton_jwt_validation_flags f) noexcept { return v_.flags = f, *this; }
    jwt_validation &typ(std::string_view t) noexcept { return v_.typ = bytes(t), *this; }
    jwt_validation &revocation(const revocation_list &list) noexcept { return v_.revocation = list.get(), *this; }

    /** The C options (its arrays point into this object). */
    jeton_jwt_validation get() const noexcept {
        jeton_jwt_validation v = v_;
        v.issuers = issuers_.empty() ? nullptr : issuers_.data();
        v.issuer_count = issuers_.size();
        v.audiences = audiences_.empty() ? nullptr : audiences_.data();
        v.audience_count = audiences_.size();
        return v;
    }

  private:
    jeton_jwt_validation v_{};
    std::vector<jeton_bytes> issuers_, audiences_;
};

/** A verified token that owns its decoding buffer: its views stay valid
 *  while it lives (moving it keeps them valid; it is not copyable). */
class verified_jwt {
  public:
    verified_jwt() noexcept = default;
    verified_jwt(const verified_jwt &) = delete;
    verified_jwt &operator=(const verified_jwt &) = delete;
    /* The buffer moves with its heap storage, so the views stay valid in
     * the target; the source is left holding no token. */
    verified_jwt(verified_jwt &&other) noexcept
        : buf_(std::move(other.buf_)), view_(std::exchange(other.view_, jeton_jwt_verified{})) {
        other.buf_.clear();
    }
    verified_jwt &operator=(verified_jwt &&other) noexcept {
        if (this != &other) {
            buf_ = std::move(other.buf_);
            view_ = std::exchange(other.view_, jeton_jwt_verified{});
            other.buf_.clear();
        }
        return *this;
    }

    /** jeton_jwt_verify; on failure this holds no token. */
    status verify(const jwt_key_set &keys, std::string_view token, const jwt_validation &validation) {
        jeton_jwt_validation v = validation.get();
        buf_.assign(token.size() + 1, 0);
        std::size_t used = 0;
        status s = jeton_jwt_verify(keys.get(), detail::data(token), token.size(), &v, buf_.data(), buf_.size(),
                                    &used, &view_);
        if (!ok(s)) {
            buf_.clear();
            view_ = jeton_jwt_verified{};
        }
        return s;
    }
    /** The C view (valid while this object lives). */
    const jeton_jwt_verified &view() const noexcept { return view_; }
    /** A string claim, unescaped. */
    status claim(std::string_view name, std::string &out) const {
        return detail::write_string(out, [&](uint8_t *o, std::size_t cap, std::size_t *len) {
            return jeton_jwt_verified_claim_str(&view_, detail::data(name), name.size(), o, cap, len);
        });
    }
    status claim(std::string_view name, int64_t &out) const noexcept {
        return jeton_jwt_verified_claim_i64(&view_, detail::data(name), name.size(), &out);
    }
    status claim(std::string_view name, bool &out) const noexcept {
        return jeton_jwt_verified_claim_bool(&view_, detail::data(name), name.size(), &out);
    }
    /** Any claim as raw JSON. */
    status claim_json(std::string_view name, std::string_view &json, jeton_json_kind &kind) const noexcept {
        jeton_bytes raw;
        status s = jeton_jwt_verified_claim_raw(&view_, detail::data(name), name.size(), &raw, &kind);
        if (ok(s)) json = jeton::view(raw);
        return s;
    }
    /** A header parameter, unescaped. */
    status header(std::string_view name, std::string &out) const {
        return detail::write_string(out, [&](uint8_t *o, std::size_t cap, std::size_t *len) {
            return jeton_jwt_verified_header_str(&view_, detail::data(name), name.size(), o, cap, len);
        });
    }
    /** Every audience, unescaped. */
    std::vector<std::string> audiences() const {
        std::vector<std::string> all;
        for (std::size_t i = 0;; i++) {
            std::string one;
            status s = detail::write_string(one, [&](uint8_t *o, std::size_t cap, std::size_t *len) {
                return jeton_jwt_verified_audience(&view_, i, o, cap, len);
            });
            if (s != JETON_OK) break;
            all.push_back(std::move(one));
        }
        return all;
    }

  private:
    std::vector<uint8_t> buf_;
    jeton_jwt_verified view_{};
};

/** Unix seconds as an IMF-fixdate. */
inline status http_date(int64_t unix_seconds, std::string &out) {
    return detail::write_string(out, [&](uint8_t *o, std::size_t cap, std::size_t *len) {
        return jeton_http_date_format(unix_seconds, o, cap, len);
    });
}

}  // namespace jeton

#endif  // JETON_HPP
