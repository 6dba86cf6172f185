/*
 * jeton.hpp: a thin, header-only C++17 layer over jeton.h.
 *
 * - Objects own their storage and clear it in their destructor (RAII); they
 *   are not copyable, and movable (jeton objects are plain bytes) except
 *   the cookie jar, the session store, the revocation list and the JWK Set
 *   (jwks), which are large: place them once (static, or
 *   std::make_unique).
 * - Inputs are std::string_view; borrowed results are std::string_view
 *   pointing into your input, with the lifetimes jeton.h states. A view
 *   does not keep a temporary std::string alive: pass inputs that outlive
 *   the results.
 * - Nothing throws: every call returns the jeton_status of the C function.
 *   The helpers that fill a std::string, the JWT and OAuth builders,
 *   verified_jwt and the OAuth results (copied into std::strings) allocate
 *   with your allocator (the library itself never allocates); the ones
 *   that take a buffer do not.
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

/** A jeton_entropy_fn that calls `fill(uint8_t *buf, std::size_t len) ->
 *  bool` (passed as the context). */
template <class F>
jeton_status entropy_trampoline(void *ctx, uint8_t *buf, std::size_t len) noexcept {
    return (*static_cast<F *>(ctx))(buf, len) ? JETON_OK : JETON_ERR_ENTROPY_UNAVAILABLE;
}

/** The context pointer of a callable, for entropy_trampoline. */
template <class F>
void *context(F &fill) noexcept {
    return const_cast<void *>(static_cast<const void *>(&fill));
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
    /** store() with your public suffix list (see
     *  jeton_cookie_jar_store_with_suffix_test). */
    status store(std::string_view set_cookie_header, std::string_view url, int64_t now,
                 jeton_public_suffix_fn is_public_suffix, void *ctx, jeton_store_outcome *outcome = nullptr,
                 std::size_t *evicted = nullptr) noexcept {
        jeton_store_outcome o;
        std::size_t e;
        return jeton_cookie_jar_store_with_suffix_test(
            &jar_, detail::data(set_cookie_header), set_cookie_header.size(), detail::data(url), url.size(), now,
            is_public_suffix, ctx, outcome ? outcome : &o, evicted ? evicted : &e);
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

/** A value that carries its own expiry, signed for `purpose` with the
 *  ring's first key: `v1.<expires_at>.<payload>.<signature>`. */
inline status signed_value_sign(const key_ring &ring, std::string_view purpose, std::string_view payload,
                                int64_t expires_at, std::string &out) {
    return detail::write_string(out, [&](uint8_t *o, std::size_t cap, std::size_t *len) {
        return jeton_signed_value_sign(ring.get(), detail::data(purpose), purpose.size(), detail::data(payload),
                                       payload.size(), expires_at, o, cap, len);
    });
}

/** Checks a signed value made for `purpose` at `now`; the payload is
 *  decoded into `payload` (empty on failure). */
inline status signed_value_verify(const key_ring &ring, std::string_view purpose, std::string_view value,
                                  int64_t now, std::string &payload, int64_t &expires_at, std::size_t &key_index) {
    std::size_t len = 0;
    payload.resize(value.size());
    status s = jeton_signed_value_verify(ring.get(), detail::data(purpose), purpose.size(), detail::data(value),
                                         value.size(), now, reinterpret_cast<uint8_t *>(payload.data()),
                                         payload.size(), &len, &expires_at, &key_index);
    payload.resize(ok(s) ? len : 0);
    return s;
}

/** A CSRF token bound to `binding` (the session ID; empty before login),
 *  valid until `expires_at`: hand it out in a cookie and in the page. */
inline status csrf_token(const key_ring &ring, std::string_view binding, int64_t expires_at, std::string &out) {
    return detail::write_string(out, [&](uint8_t *o, std::size_t cap, std::size_t *len) {
        return jeton_csrf_token(ring.get(), detail::data(binding), binding.size(), expires_at, o, cap, len);
    });
}

/** Checks a request's two copies of its CSRF token (the cookie's and the
 *  form's or header's) for `binding` at `now`. */
inline status csrf_verify(const key_ring &ring, std::string_view binding, std::string_view cookie,
                          std::string_view submitted, int64_t now) noexcept {
    std::size_t key_index = 0;
    return jeton_csrf_verify(ring.get(), detail::data(binding), binding.size(), detail::data(cookie), cookie.size(),
                             detail::data(submitted), submitted.size(), now, &key_index);
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

/** The token of an `Authorization: DPoP` header (RFC 9449), pointing
 *  into it; the `DPoP` header carries the proof (verify_dpop_proof). */
inline status parse_dpop(std::string_view header, std::string_view &token) noexcept {
    jeton_bytes t;
    status s = jeton_auth_dpop_parse(detail::data(header), header.size(), &t);
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
    out.resize(JETON_SESSION_ID_LEN);
    std::size_t n = 0;
    status s = jeton_session_id_generate(detail::entropy_trampoline<F>, detail::context(fill),
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
    /** `create`, holding the user (`user.id`) to `max_per_user` live
     *  sessions: the oldest that had to go are in `evicted`, oldest first. */
    status create_capped(std::string_view id, const jeton_session_user &user, int64_t now, std::size_t max_per_user,
                         jeton_session &out, std::vector<jeton_session> &evicted) {
        std::size_t count = 0;
        auto create = [&] {
            return jeton_session_store_create_capped(&store_, detail::data(id), id.size(), &user, now, max_per_user,
                                                     &out, evicted.data(), evicted.size(), &count);
        };
        // Usually one goes; more when the cap was lowered (asked, then made room for).
        evicted.resize(1);
        status s = create();
        if (s == JETON_ERR_BUFFER_TOO_SMALL) {
            evicted.resize(count);
            s = create();
        }
        evicted.resize(ok(s) ? count : 0);
        return s;
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

/** A rate limiter (jeton_rate_limiter, 36 KiB) that clears itself:
 *  `burst` attempts per key, regained over `period_seconds`. Allocate it
 *  (std::make_unique) or make it static. */
class rate_limiter {
  public:
    rate_limiter(uint32_t burst, uint32_t period_seconds) noexcept {
        (void)jeton_rate_limiter_init(&limiter_, burst, period_seconds);
    }
    ~rate_limiter() { (void)jeton_rate_limiter_clear(&limiter_); }
    rate_limiter(const rate_limiter &) = delete;
    rate_limiter &operator=(const rate_limiter &) = delete;

    /** Spends an attempt of `key`: JETON_OK, or JETON_ERR_RATE_LIMITED with
     *  the seconds to wait in `retry_after`. */
    status check(std::string_view key, int64_t now, uint64_t &retry_after) noexcept {
        uint32_t remaining = 0;
        return jeton_rate_limiter_check(&limiter_, detail::data(key), key.size(), now, &remaining, &retry_after);
    }
    /** What `check` would answer, spending nothing. */
    status peek(std::string_view key, int64_t now, uint64_t &retry_after) const noexcept {
        uint32_t remaining = 0;
        return jeton_rate_limiter_peek(&limiter_, detail::data(key), key.size(), now, &remaining, &retry_after);
    }
    /** A full bucket for `key` again; true when it was held. */
    bool forget(std::string_view key) noexcept {
        bool held = false;
        return ok(jeton_rate_limiter_forget(&limiter_, detail::data(key), key.size(), &held)) && held;
    }
    std::size_t purge(int64_t now) noexcept {
        std::size_t n = 0;
        return ok(jeton_rate_limiter_purge(&limiter_, now, &n)) ? n : 0;
    }
    std::size_t size() const noexcept {
        std::size_t n = 0;
        return ok(jeton_rate_limiter_len(&limiter_, &n)) ? n : 0;
    }
    /** The C object, for the C functions. */
    jeton_rate_limiter *get() noexcept { return &limiter_; }

  private:
    jeton_rate_limiter limiter_;
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
    /** Adds an HMAC secret shorter than RFC 7518 asks, for a deployment
     *  that cannot change it (jeton_jwt_key_set_add_legacy_secret). */
    status add_legacy_secret(jeton_jwt_algorithm algorithm, std::string_view secret,
                             std::string_view kid = {}) noexcept {
        return jeton_jwt_key_set_add_legacy_secret(&keys_, algorithm, detail::data(secret), secret.size(),
                                                   detail::data(kid), kid.size());
    }
    /** Adds the public key of a JSON Web Key (its kid, alg, use and
     *  key_ops with it). */
    status add_jwk(std::string_view jwk) noexcept {
        return jeton_jwt_key_set_add_jwk(&keys_, detail::data(jwk), jwk.size());
    }
    /** Adds a signing key from a private JWK (EC, OKP, or an oct secret);
     *  wipe your copy of `jwk` when done. */
    status add_private_jwk(std::string_view jwk) noexcept {
        return jeton_jwt_key_set_add_private_jwk(&keys_, detail::data(jwk), jwk.size());
    }
    /** Adds the public key of a PEM `PUBLIC KEY` document, with `kid`. */
    status add_pem(std::string_view pem, std::string_view kid = {}) noexcept {
        return jeton_jwt_key_set_add_pem(&keys_, detail::data(pem), pem.size(), detail::data(kid), kid.size());
    }
    /** Adds a signing key from a PEM `PRIVATE KEY` or `EC PRIVATE KEY`
     *  document, with `kid`; wipe your copy of `pem` when done. */
    status add_private_pem(std::string_view pem, std::string_view kid = {}) noexcept {
        return jeton_jwt_key_set_add_private_pem(&keys_, detail::data(pem), pem.size(), detail::data(kid),
                                                 kid.size());
    }
    /** Adds the keys of a JWK Set document beside the ones held, all or
     *  none (`summary`, when given, says how many were loaded and
     *  skipped). */
    status add_jwks(std::string_view json, jeton_jwks_summary *summary = nullptr) noexcept {
        return jeton_jwt_key_set_add_jwks(&keys_, detail::data(json), json.size(), summary);
    }
    /** What the key at `index` is (jeton_jwt_key_set_key_info). */
    status key_info(std::size_t index, jeton_jwt_key_info &info) const noexcept {
        return jeton_jwt_key_set_key_info(&keys_, index, &info);
    }
    /** The RFC 7638 thumbprint of the key at `index` into `out`. */
    status thumbprint(std::size_t index, std::string &out) const {
        return detail::write_string(out, [&](uint8_t *o, std::size_t cap, std::size_t *len) {
            return jeton_jwt_key_set_thumbprint(&keys_, index, o, cap, len);
        });
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

/** The key ID of a jeton_jwt_key_info (empty when the key has none); a
 *  view into `info`. */
inline std::string_view kid(const jeton_jwt_key_info &info) noexcept {
    return std::string_view(reinterpret_cast<const char *>(info.kid), info.kid_len);
}

/** A provider's JWK Set (jeton_jwks, 26 KiB) that clears itself: allocate
 *  it (std::make_unique) or make it static. load() again whenever the
 *  provider's set is fetched anew; const calls may run from several
 *  threads at once, load() from none meanwhile. */
class jwks {
  public:
    jwks() noexcept { (void)jeton_jwks_init(&set_); }
    ~jwks() { (void)jeton_jwks_clear(&set_); }
    jwks(const jwks &) = delete;
    jwks &operator=(const jwks &) = delete;

    /** Replaces the keys with those of the document `json`; a refused
     *  document leaves them. */
    status load(std::string_view json, jeton_jwks_summary *summary = nullptr) noexcept {
        return jeton_jwks_load(&set_, detail::data(json), json.size(), summary);
    }
    /** The number of keys (0 if the set is unusable). */
    std::size_t size() const noexcept {
        std::size_t n = 0;
        return ok(jeton_jwks_len(&set_, &n)) ? n : 0;
    }
    /** What the key at `index` is. */
    status key_info(std::size_t index, jeton_jwt_key_info &info) const noexcept {
        return jeton_jwks_key_info(&set_, index, &info);
    }
    /** The C object, for the C functions. */
    const jeton_jwks *get() const noexcept { return &set_; }

  private:
    jeton_jwks set_;
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
    /** JETON_JWT_IGNORE_AUDIENCE, JETON_JWT_SKIP_*_CHECK, JETON_JWT_ANY_TYP,
     *  JETON_JWT_REQUIRE_TYP. */
    jwt_validation &flags(jeton_jwt_validation_flags f) noexcept { return v_.flags = f, *this; }
    jwt_validation &typ(std::string_view t) noexcept { return v_.typ = bytes(t), *this; }
    jwt_validation &revocation(const revocation_list &list) noexcept { return v_.revocation = list.get(), *this; }
    /** Tokens issued (iat) more than `seconds` ago are too old. */
    jwt_validation &max_age(uint64_t seconds) noexcept { return v_.max_age = seconds, *this; }
    /** A `crit` header parameter you understand and check yourself. */
    jwt_validation &crit(std::string_view name) {
        crit_.push_back(bytes(name));
        return *this;
    }

    /** The C options (its arrays point into this object). */
    jeton_jwt_validation get() const noexcept {
        jeton_jwt_validation v = v_;
        v.issuers = issuers_.empty() ? nullptr : issuers_.data();
        v.issuer_count = issuers_.size();
        v.audiences = audiences_.empty() ? nullptr : audiences_.data();
        v.audience_count = audiences_.size();
        v.crit = crit_.empty() ? nullptr : crit_.data();
        v.crit_count = crit_.size();
        return v;
    }

  private:
    jeton_jwt_validation v_{};
    std::vector<jeton_bytes> issuers_, audiences_, crit_;
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
        : buf_(std::move(other.buf_)), view_(std::exchange(other.view_, jeton_jwt_verified{})),
          bound_(std::exchange(other.bound_, false)) {
        std::memcpy(jkt_, other.jkt_, sizeof jkt_);
        other.buf_.clear();
    }
    verified_jwt &operator=(verified_jwt &&other) noexcept {
        if (this != &other) {
            buf_ = std::move(other.buf_);
            view_ = std::exchange(other.view_, jeton_jwt_verified{});
            bound_ = std::exchange(other.bound_, false);
            std::memcpy(jkt_, other.jkt_, sizeof jkt_);
            other.buf_.clear();
        }
        return *this;
    }

    /** jeton_jwt_verify; on failure this holds no token. */
    status verify(const jwt_key_set &keys, std::string_view token, const jwt_validation &validation) {
        return run(token, validation, [&](const jeton_jwt_validation *v, uint8_t *buf, std::size_t cap,
                                          std::size_t *used) {
            return jeton_jwt_verify(keys.get(), detail::data(token), token.size(), v, buf, cap, used, &view_);
        });
    }
    /** jeton_jwt_verify_with_jwks: with a provider's JWK Set. */
    status verify(const jwks &set, std::string_view token, const jwt_validation &validation) {
        return run(token, validation, [&](const jeton_jwt_validation *v, uint8_t *buf, std::size_t cap,
                                          std::size_t *used) {
            return jeton_jwt_verify_with_jwks(set.get(), detail::data(token), token.size(), v, buf, cap, used,
                                              &view_);
        });
    }
    /** jeton_oauth_id_token_verify: an OpenID Connect ID token. */
    status verify_id_token(const jwt_key_set &keys, std::string_view token,
                           const jeton_oauth_id_token_validation &validation) {
        return run_raw(token, [&](uint8_t *buf, std::size_t cap, std::size_t *used) {
            return jeton_oauth_id_token_verify(keys.get(), detail::data(token), token.size(), &validation, buf, cap,
                                               used, &view_);
        });
    }
    /** jeton_oauth_id_token_verify_with_jwks. */
    status verify_id_token(const jwks &set, std::string_view token,
                           const jeton_oauth_id_token_validation &validation) {
        return run_raw(token, [&](uint8_t *buf, std::size_t cap, std::size_t *used) {
            return jeton_oauth_id_token_verify_with_jwks(set.get(), detail::data(token), token.size(), &validation,
                                                         buf, cap, used, &view_);
        });
    }
    /** jeton_oauth_access_token_verify: an RFC 9068 access token;
     *  cnf_jkt() then says whether it is bound to a key. */
    status verify_access_token(const jwt_key_set &keys, std::string_view token,
                               const jeton_oauth_access_token_validation &validation) {
        return run_access(token, [&](uint8_t *buf, std::size_t cap, std::size_t *used, jeton_oauth_access_token *at) {
            return jeton_oauth_access_token_verify(keys.get(), detail::data(token), token.size(), &validation, buf,
                                                   cap, used, at);
        });
    }
    /** jeton_oauth_access_token_verify_with_jwks. */
    status verify_access_token(const jwks &set, std::string_view token,
                               const jeton_oauth_access_token_validation &validation) {
        return run_access(token, [&](uint8_t *buf, std::size_t cap, std::size_t *used, jeton_oauth_access_token *at) {
            return jeton_oauth_access_token_verify_with_jwks(set.get(), detail::data(token), token.size(),
                                                             &validation, buf, cap, used, at);
        });
    }
    /** jeton_dpop_proof_verify: a DPoP proof, its jti taken once by
     *  `replay` when given; thumbprint() is then its key's. */
    status verify_dpop_proof(std::string_view proof, const jeton_dpop_validation &validation,
                             revocation_list *replay = nullptr) {
        status s = run_raw(proof, [&](uint8_t *buf, std::size_t cap, std::size_t *used) {
            jeton_dpop_verified v;
            status r = jeton_dpop_proof_verify(replay != nullptr ? replay->get() : nullptr, detail::data(proof),
                                               proof.size(), &validation, buf, cap, used, &v);
            if (ok(r)) {
                view_ = v.token;
                std::memcpy(jkt_, v.thumbprint, sizeof jkt_);
                bound_ = true;
            }
            return r;
        });
        return s;
    }
    /** The access token's cnf.jkt, or the DPoP proof's key thumbprint
     *  (empty when there is none). */
    std::string_view cnf_jkt() const noexcept {
        return bound_ ? std::string_view(reinterpret_cast<const char *>(jkt_), sizeof jkt_) : std::string_view();
    }
    /** The DPoP proof's key thumbprint (as cnf_jkt()). */
    std::string_view thumbprint() const noexcept { return cnf_jkt(); }
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
    template <class Verify>
    status run(std::string_view token, const jwt_validation &validation, Verify &&verify) {
        jeton_jwt_validation v = validation.get();
        return run_raw(token, [&](uint8_t *buf, std::size_t cap, std::size_t *used) {
            return verify(&v, buf, cap, used);
        });
    }
    template <class Verify>
    status run_raw(std::string_view token, Verify &&verify) {
        buf_.assign(token.size() + 1, 0);
        bound_ = false;
        std::size_t used = 0;
        status s = verify(buf_.data(), buf_.size(), &used);
        if (!ok(s)) {
            buf_.clear();
            view_ = jeton_jwt_verified{};
            bound_ = false;
        }
        return s;
    }
    template <class Verify>
    status run_access(std::string_view token, Verify &&verify) {
        return run_raw(token, [&](uint8_t *buf, std::size_t cap, std::size_t *used) {
            jeton_oauth_access_token at;
            status r = verify(buf, cap, used, &at);
            if (ok(r)) {
                view_ = at.token;
                std::memcpy(jkt_, at.cnf_jkt, sizeof jkt_);
                bound_ = (at.flags & JETON_OAUTH_KEY_BOUND) != 0;
            }
            return r;
        });
    }
    std::vector<uint8_t> buf_;
    jeton_jwt_verified view_{};
    uint8_t jkt_[JETON_OAUTH_THUMBPRINT_LEN] = {};
    bool bound_ = false;
};

// ---------------------------------------------------------------------
// OAuth 2.0 and OpenID Connect.

/** A fixed-size value of a jeton struct (a nonce, a verifier, a
 *  thumbprint) as text. */
template <std::size_t N>
inline std::string_view text(const uint8_t (&value)[N]) noexcept {
    return std::string_view(reinterpret_cast<const char *>(value), N);
}

/** One name or value form-encoded as URLSearchParams writes it. */
inline status form_encode(std::string_view data, std::string &out) {
    return detail::write_string(out, [&](uint8_t *o, std::size_t cap, std::size_t *len) {
        return jeton_oauth_form_encode(detail::data(data), data.size(), o, cap, len);
    });
}

/** One name or value of a form decoded (+, %XX, U+FFFD for bad UTF-8). */
inline status form_decode(std::string_view data, std::string &out) {
    return detail::write_string(out, [&](uint8_t *o, std::size_t cap, std::size_t *len) {
        return jeton_oauth_form_decode(detail::data(data), data.size(), o, cap, len);
    });
}

/** The pairs of a form or query string, still encoded; `form` must outlive
 *  the iteration and its pairs. */
class form_pairs {
  public:
    explicit form_pairs(std::string_view form) noexcept {
        (void)jeton_oauth_form_iter_init(&it_, detail::data(form), form.size());
    }
    /** The next pair; false when there is none left. */
    bool next(std::string_view &name, std::string_view &value) noexcept {
        jeton_oauth_form_pair pair;
        if (jeton_oauth_form_iter_next(&it_, &pair) != JETON_OK) return false;
        name = view(pair.name);
        value = view(pair.value);
        return true;
    }

  private:
    jeton_oauth_form_iter it_{};
};

/** A PKCE code_verifier from `fill(uint8_t *buf, std::size_t len) -> bool`
 *  (it must not throw). */
template <class Fill>
status pkce_verifier(Fill &&fill, std::string &out) {
    using F = std::remove_reference_t<Fill>;
    out.resize(JETON_PKCE_VERIFIER_LEN);
    std::size_t n = 0;
    status s = jeton_pkce_verifier_generate(detail::entropy_trampoline<F>, detail::context(fill),
                                            reinterpret_cast<uint8_t *>(out.data()), out.size(), &n);
    out.resize(ok(s) ? n : 0);
    return s;
}

/** The S256 code_challenge of a verifier. */
inline status pkce_challenge(std::string_view verifier, std::string &out) {
    return detail::write_string(out, [&](uint8_t *o, std::size_t cap, std::size_t *len) {
        return jeton_pkce_challenge_s256(detail::data(verifier), verifier.size(), o, cap, len);
    });
}

/** Issues a state signed with the first key of `ring`
 *  (jeton_oauth_state_issue) into `state`, with the values that go with it
 *  in `issued`; `fill(uint8_t *, std::size_t) ->
 *  bool` gives the entropy. */
template <class Fill>
status oauth_state_issue(const key_ring &ring, Fill &&fill, int64_t now, uint64_t max_age, std::string_view payload,
                         std::string &state, jeton_oauth_new_state &issued) {
    using F = std::remove_reference_t<Fill>;
    state.resize(JETON_OAUTH_STATE_MAX_LEN);
    std::size_t n = 0;
    status s = jeton_oauth_state_issue(ring.get(), detail::entropy_trampoline<F>, detail::context(fill), now, max_age,
                                       detail::data(payload), payload.size(), reinterpret_cast<uint8_t *>(state.data()),
                                       state.size(), &n, &issued);
    state.resize(ok(s) ? n : 0);
    return s;
}

/** The Set-Cookie value of the binding cookie of `issued`. */
inline status oauth_state_cookie(const jeton_oauth_new_state &issued, std::string &out,
                                 jeton_same_site same_site = JETON_SAME_SITE_UNSET) {
    return detail::write_string(out, [&](uint8_t *o, std::size_t cap, std::size_t *len) {
        return jeton_oauth_state_write_cookie(&issued, same_site, o, cap, len);
    });
}

/** Verifies the state of a callback (jeton_oauth_state_verify): the payload
 *  into `payload`, the nonce and verifier into `verified`; single-use
 *  with `used`. `binding` is the JETON_OAUTH_STATE_COOKIE cookie's value
 *  (empty: none). */
inline status oauth_state_verify(const key_ring &ring, std::string_view state, std::string_view binding, int64_t now,
                                 uint64_t max_age, std::string &payload, jeton_oauth_verified_state &verified,
                                 revocation_list *used = nullptr) {
    payload.resize(JETON_OAUTH_STATE_MAX_PAYLOAD_LEN);
    std::size_t n = 0;
    status s = jeton_oauth_state_verify(ring.get(), used != nullptr ? used->get() : nullptr, detail::data(state),
                                        state.size(), binding.empty() ? nullptr : detail::data(binding),
                                        binding.size(), now, max_age, reinterpret_cast<uint8_t *>(payload.data()),
                                        payload.size(), &n, &verified);
    payload.resize(ok(s) ? n : 0);
    return s;
}

/** How a client authenticates (jeton_oauth_client_auth); the string_views
 *  given must outlive its use. */
class client_auth {
  public:
    /** A public client (`none`). */
    static client_auth none(std::string_view client_id) noexcept { return make(JETON_OAUTH_AUTH_NONE, client_id, {}); }
    /** `client_secret_basic`. */
    static client_auth secret_basic(std::string_view client_id, std::string_view secret) noexcept {
        return make(JETON_OAUTH_AUTH_SECRET_BASIC, client_id, secret);
    }
    /** `client_secret_post`. */
    static client_auth secret_post(std::string_view client_id, std::string_view secret) noexcept {
        return make(JETON_OAUTH_AUTH_SECRET_POST, client_id, secret);
    }
    /** `private_key_jwt` with an assertion (oauth_client_assertion). */
    static client_auth jwt(std::string_view client_id, std::string_view assertion) noexcept {
        client_auth a = make(JETON_OAUTH_AUTH_JWT, client_id, {});
        a.a_.assertion = bytes(assertion);
        return a;
    }
    /** The Authorization header value it needs (empty: none). */
    status header(std::string &out) const {
        return detail::write_string(out, [&](uint8_t *o, std::size_t cap, std::size_t *len) {
            return jeton_oauth_client_auth_header(&a_, o, cap, len);
        });
    }
    /** The C description. */
    const jeton_oauth_client_auth *get() const noexcept { return &a_; }

  private:
    static client_auth make(jeton_oauth_auth_method method, std::string_view id, std::string_view secret) noexcept {
        client_auth a;
        a.a_.method = method;
        a.a_.client_id = bytes(id);
        a.a_.client_secret = bytes(secret);
        return a;
    }
    jeton_oauth_client_auth a_{};
};

/** A client assertion (RFC 7523) signed with the key at `key_index`. */
template <class Fill>
status oauth_client_assertion(const jwt_key_set &keys, std::size_t key_index, std::string_view client_id,
                              std::string_view audience, int64_t now, Fill &&fill, std::string &out) {
    using F = std::remove_reference_t<Fill>;
    return detail::write_string(out, [&](uint8_t *o, std::size_t cap, std::size_t *len) {
        return jeton_oauth_client_assertion(keys.get(), key_index, detail::data(client_id), client_id.size(),
                                            detail::data(audience), audience.size(), now,
                                            detail::entropy_trampoline<F>, detail::context(fill), o, cap, len);
    });
}

namespace detail {

/** Views of strings and extra parameters a request borrows. */
struct oauth_lists {
    std::vector<jeton_bytes> scope, resource;
    std::vector<jeton_oauth_param> extra;
    void add_extra(std::string_view name, std::string_view value) {
        jeton_oauth_param p;
        p.name = bytes(name);
        p.value = bytes(value);
        extra.push_back(p);
    }
};

}  // namespace detail

/** An authorization request to write; the string_views given must outlive
 *  url() and par_body(). */
class authorization_request {
  public:
    authorization_request(std::string_view client_id, std::string_view redirect_uri) noexcept {
        r_.client_id = bytes(client_id);
        r_.redirect_uri = bytes(redirect_uri);
    }
    authorization_request &scope(std::string_view token) {
        lists_.scope.push_back(bytes(token));
        return *this;
    }
    authorization_request &state(std::string_view v) noexcept { return r_.state = bytes(v), *this; }
    authorization_request &nonce(std::string_view v) noexcept { return r_.nonce = bytes(v), *this; }
    authorization_request &code_challenge(std::string_view v) noexcept { return r_.code_challenge = bytes(v), *this; }
    authorization_request &prompt(std::string_view v) noexcept { return r_.prompt = bytes(v), *this; }
    authorization_request &login_hint(std::string_view v) noexcept { return r_.login_hint = bytes(v), *this; }
    authorization_request &max_age(uint64_t seconds) noexcept {
        return r_.max_age = seconds, r_.flags |= JETON_OAUTH_HAS_MAX_AGE, *this;
    }
    authorization_request &resource(std::string_view uri) {
        lists_.resource.push_back(bytes(uri));
        return *this;
    }
    authorization_request &extra(std::string_view name, std::string_view value) {
        lists_.add_extra(name, value);
        return *this;
    }
    /** The C description (its arrays point into this object). */
    jeton_oauth_authorization_request get() const noexcept {
        jeton_oauth_authorization_request r = r_;
        r.scope = lists_.scope.empty() ? nullptr : lists_.scope.data();
        r.scope_count = lists_.scope.size();
        r.resource = lists_.resource.empty() ? nullptr : lists_.resource.data();
        r.resource_count = lists_.resource.size();
        r.extra = lists_.extra.empty() ? nullptr : lists_.extra.data();
        r.extra_count = lists_.extra.size();
        return r;
    }
    /** jeton_oauth_authorization_url. */
    status url(std::string_view endpoint, std::string &out) const {
        jeton_oauth_authorization_request r = get();
        return detail::write_string(out, [&](uint8_t *o, std::size_t cap, std::size_t *len) {
            return jeton_oauth_authorization_url(&r, detail::data(endpoint), endpoint.size(), o, cap, len);
        });
    }
    /** jeton_oauth_par_body. */
    status par_body(const client_auth &auth, std::string &out) const {
        jeton_oauth_authorization_request r = get();
        return detail::write_string(out, [&](uint8_t *o, std::size_t cap, std::size_t *len) {
            return jeton_oauth_par_body(&r, auth.get(), o, cap, len);
        });
    }

  private:
    jeton_oauth_authorization_request r_{};
    detail::oauth_lists lists_;
};

/** A token request to write; the string_views given must outlive body(). */
class token_request {
  public:
    static token_request authorization_code(std::string_view code, std::string_view redirect_uri,
                                            std::string_view code_verifier) noexcept {
        token_request t(JETON_OAUTH_GRANT_AUTHORIZATION_CODE);
        t.r_.code = bytes(code);
        t.r_.redirect_uri = bytes(redirect_uri);
        t.r_.code_verifier = bytes(code_verifier);
        return t;
    }
    static token_request refresh_token(std::string_view token) noexcept {
        token_request t(JETON_OAUTH_GRANT_REFRESH_TOKEN);
        t.r_.refresh_token = bytes(token);
        return t;
    }
    static token_request client_credentials() noexcept { return token_request(JETON_OAUTH_GRANT_CLIENT_CREDENTIALS); }
    static token_request device_code(std::string_view code) noexcept {
        token_request t(JETON_OAUTH_GRANT_DEVICE_CODE);
        t.r_.device_code = bytes(code);
        return t;
    }
    token_request &scope(std::string_view token) {
        lists_.scope.push_back(bytes(token));
        return *this;
    }
    token_request &resource(std::string_view uri) {
        lists_.resource.push_back(bytes(uri));
        return *this;
    }
    token_request &extra(std::string_view name, std::string_view value) {
        lists_.add_extra(name, value);
        return *this;
    }
    /** jeton_oauth_token_request_body. */
    status body(const client_auth &auth, std::string &out) const {
        jeton_oauth_token_request r = r_;
        r.scope = lists_.scope.empty() ? nullptr : lists_.scope.data();
        r.scope_count = lists_.scope.size();
        r.resource = lists_.resource.empty() ? nullptr : lists_.resource.data();
        r.resource_count = lists_.resource.size();
        r.extra = lists_.extra.empty() ? nullptr : lists_.extra.data();
        r.extra_count = lists_.extra.size();
        return detail::write_string(out, [&](uint8_t *o, std::size_t cap, std::size_t *len) {
            return jeton_oauth_token_request_body(&r, auth.get(), o, cap, len);
        });
    }

  private:
    explicit token_request(jeton_oauth_grant grant) noexcept { r_.grant = grant; }
    jeton_oauth_token_request r_{};
    detail::oauth_lists lists_;
};

/** An authorization response at the redirect URI, decoded and copied. */
struct oauth_callback {
    std::string code, state, iss, error, error_description, error_uri;
    jeton_oauth_error_code error_code = JETON_OAUTH_ERROR_OTHER;
    /** JETON_OK with a code, else what the error means. */
    status outcome = JETON_OK;
};

/** jeton_oauth_callback_parse: `issuer` checked when `iss` is present
 *  (required with JETON_OAUTH_ISS_REQUIRED; empty with
 *  JETON_OAUTH_IGNORE_ISSUER). */
inline status parse_oauth_callback(std::string_view query, std::string_view issuer, jeton_oauth_flags flags,
                                   oauth_callback &out) {
    jeton_oauth_callback_check check{};
    if (!issuer.empty()) check.issuer = bytes(issuer);
    check.flags = flags;
    std::string buf(query.size(), '\0');
    std::size_t used = 0;
    jeton_oauth_callback cb;
    status s = jeton_oauth_callback_parse(detail::data(query), query.size(), &check,
                                          reinterpret_cast<uint8_t *>(buf.data()), buf.size(), &used, &cb);
    if (ok(s)) {
        out.code = std::string(view(cb.code));
        out.state = std::string(view(cb.state));
        out.iss = std::string(view(cb.iss));
        out.error = std::string(view(cb.error));
        out.error_description = std::string(view(cb.error_description));
        out.error_uri = std::string(view(cb.error_uri));
        out.error_code = cb.error_code;
        out.outcome = cb.outcome;
    }
    return s;
}

/** A token response, its text copied out. */
struct oauth_token_response {
    std::string access_token, refresh_token, scope, id_token;
    jeton_oauth_token_type token_type = 0;
    bool has_expires_in = false;
    uint64_t expires_in = 0;

    /** The copy of a C view. */
    static oauth_token_response of(const jeton_oauth_token_response &t) {
        oauth_token_response r;
        r.access_token = std::string(view(t.access_token));
        r.refresh_token = std::string(view(t.refresh_token));
        r.scope = std::string(view(t.scope));
        r.id_token = std::string(view(t.id_token));
        r.token_type = t.token_type;
        r.has_expires_in = (t.flags & JETON_OAUTH_HAS_EXPIRES_IN) != 0;
        r.expires_in = t.expires_in;
        return r;
    }
};

/** jeton_oauth_token_response_parse. */
inline status parse_token_response(std::string_view body, oauth_token_response &out) {
    std::string buf(body.size(), '\0');
    std::size_t used = 0;
    jeton_oauth_token_response t;
    status s = jeton_oauth_token_response_parse(detail::data(body), body.size(), reinterpret_cast<uint8_t *>(buf.data()),
                                                buf.size(), &used, &t);
    if (ok(s)) out = oauth_token_response::of(t);
    return s;
}

/** An error response, its text copied out. */
struct oauth_error_response {
    std::string error, error_description, error_uri;
    jeton_oauth_error_code error_code = JETON_OAUTH_ERROR_OTHER;
    status outcome = JETON_OK;
};

/** jeton_oauth_error_response_parse. */
inline status parse_error_response(std::string_view body, oauth_error_response &out) {
    std::string buf(body.size(), '\0');
    std::size_t used = 0;
    jeton_oauth_error_response e;
    status s = jeton_oauth_error_response_parse(detail::data(body), body.size(), reinterpret_cast<uint8_t *>(buf.data()),
                                                buf.size(), &used, &e);
    if (ok(s)) {
        out.error = std::string(view(e.error));
        out.error_description = std::string(view(e.error_description));
        out.error_uri = std::string(view(e.error_uri));
        out.error_code = e.error_code;
        out.outcome = e.outcome;
    }
    return s;
}

/** The polling rules of the device flow (jeton_oauth_device_poller). */
class device_poller {
  public:
    /** Starts polling for the device authorization response `body`. */
    status init(std::string_view body, int64_t now) noexcept {
        return jeton_oauth_device_poller_init(&p_, detail::data(body), body.size(), now);
    }
    /** Seconds to wait at `now` before the next poll. */
    status wait(int64_t now, uint64_t &seconds) const noexcept {
        return jeton_oauth_device_poller_wait(&p_, now, &seconds);
    }
    /** Reads a poll's answer: `token` set when `*done`, else `next_poll_at`. */
    status on_response(std::string_view body, int64_t now, bool &done, int64_t &next_poll_at,
                       oauth_token_response &token) {
        std::string buf(body.size(), '\0');
        std::size_t used = 0;
        jeton_oauth_poll poll;
        status s = jeton_oauth_device_poller_on_response(&p_, detail::data(body), body.size(), now,
                                                         reinterpret_cast<uint8_t *>(buf.data()), buf.size(), &used,
                                                         &poll);
        if (ok(s)) {
            done = poll.kind == JETON_OAUTH_POLL_TOKEN;
            next_poll_at = poll.next_poll_at;
            if (done) token = oauth_token_response::of(poll.token);
        }
        return s;
    }
    /** The poll got no answer: back off. */
    status on_no_response(int64_t now, int64_t &next_poll_at) noexcept {
        return jeton_oauth_device_poller_on_no_response(&p_, now, &next_poll_at);
    }
    /** Where it stands. */
    status info(jeton_oauth_device_poll_info &out) const noexcept { return jeton_oauth_device_poller_info(&p_, &out); }

  private:
    jeton_oauth_device_poller p_{};
};

/** Provider metadata that keeps its own copy of the document, so the views
 *  of get() stay valid while it lives (it is not copyable). */
class oauth_metadata {
  public:
    oauth_metadata() = default;
    oauth_metadata(const oauth_metadata &) = delete;
    oauth_metadata &operator=(const oauth_metadata &) = delete;

    /** jeton_oauth_metadata_parse of a copy of `document`. */
    status parse(std::string_view document, std::string_view expected_issuer, jeton_oauth_profile profile) {
        doc_.assign(document.begin(), document.end());
        buf_.assign(doc_.size() + 1, 0);
        std::size_t used = 0;
        status s = jeton_oauth_metadata_parse(doc_.data(), doc_.size(), detail::data(expected_issuer),
                                              expected_issuer.size(), profile, buf_.data(), buf_.size(), &used, &m_);
        if (!ok(s)) m_ = jeton_oauth_metadata{};
        return s;
    }
    /** The C view. */
    const jeton_oauth_metadata &get() const noexcept { return m_; }
    /** Whether a list of get() (`response_types_supported`, ...) holds
     *  `value`; false when absent. */
    static bool contains(jeton_bytes list, std::string_view value) noexcept {
        bool found = false;
        return list.ptr != nullptr &&
               ok(jeton_oauth_metadata_list_contains(list.ptr, list.len, detail::data(value), value.size(), &found)) &&
               found;
    }

  private:
    std::vector<uint8_t> doc_, buf_;
    jeton_oauth_metadata m_{};
};

/** jeton_oauth_introspection_verify (or _parse without a check) into
 *  `out`, whose views point into `json` or `buf`. */
inline status parse_introspection(std::string_view json, const jeton_oauth_introspection_check *check,
                                  std::string &buf, jeton_oauth_introspection &out) {
    buf.assign(json.size(), '\0');
    std::size_t used = 0;
    uint8_t *b = reinterpret_cast<uint8_t *>(buf.data());
    return check != nullptr
               ? jeton_oauth_introspection_verify(detail::data(json), json.size(), check, b, buf.size(), &used, &out)
               : jeton_oauth_introspection_parse(detail::data(json), json.size(), b, buf.size(), &used, &out);
}

/** Whether a space-separated scope lists `wanted`. */
inline bool scope_contains(std::string_view scope, std::string_view wanted) noexcept {
    bool found = false;
    return ok(jeton_oauth_scope_contains(detail::data(scope), scope.size(), detail::data(wanted), wanted.size(),
                                         &found)) &&
           found;
}

/** A DPoP proof (jeton_dpop_proof_write) signed with the key at
 *  `key_index`. */
inline status dpop_proof(const jwt_key_set &keys, std::size_t key_index, const jeton_dpop_proof &proof,
                         std::string &out) {
    return detail::write_string(out, [&](uint8_t *o, std::size_t cap, std::size_t *len) {
        return jeton_dpop_proof_write(keys.get(), key_index, &proof, o, cap, len);
    });
}

/** Unix seconds as an IMF-fixdate. */
inline status http_date(int64_t unix_seconds, std::string &out) {
    return detail::write_string(out, [&](uint8_t *o, std::size_t cap, std::size_t *len) {
        return jeton_http_date_format(unix_seconds, o, cap, len);
    });
}

}  // namespace jeton

#endif  // JETON_HPP
