# Helpers shared by the test scripts (source it; bash).

# step MESSAGE...: announces the next step of a script.
step() { printf '\n==> %s\n' "$*"; }

# apt_install [APT-OPTION...] PACKAGE...: installs Debian packages, as root
# or through sudo (which does not pass the environment on, hence `env`).
apt_install() {
    local run=()
    [ "$(id -u)" = 0 ] || run=(sudo)
    "${run[@]}" apt-get update -qq
    "${run[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
