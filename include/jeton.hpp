/*
 * jeton.hpp: a thin, header-only C++17 layer over jeton.h.
 *
 * - Objects own their storage and clear it in their destructor (RAII); they
 *   are movable (jeton objects are plain bytes) and not copyable.
 * - Inputs are std::string_view; borrowed results are std::string_view
 *   pointing into your input, with the lifetimes jeton.h states.
 * - Nothing throws: every call returns the jeton_status of the C function.
 *   The helpers that fill a std::string allocate with your allocator (the
 *   library itself never allocates); the ones that take a buffer do not.
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
#include <utility>

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

/** Unix seconds as an IMF-fixdate. */
inline status http_date(int64_t unix_seconds, std::string &out) {
    return detail::write_string(out, [&](uint8_t *o, std::size_t cap, std::size_t *len) {
        return jeton_http_date_format(unix_seconds, o, cap, len);
    });
}

}  // namespace jeton

#endif  // JETON_HPP
