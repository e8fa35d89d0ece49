#!/usr/bin/env bash
# Builds kube-apiserver from Debian's own kubernetes source package and lays it out beside Debian's etcd and a
# kubectl, in the directory io.fabric8:kube-api-test's offline mode reads:
#   ${DIKAST_K8S_CACHE:-$HOME/.cache/dikast/k8s}/<version>-linux-amd64/{kube-apiserver,etcd,kubectl}
# No registry ships a kube-apiserver binary, so it is compiled here (minutes on 2 cores, once per machine).
# Idempotent: when the three binaries are there and the apiserver runs, it does nothing.
# Needs root (apt-get). Prints the directory it filled as its last line.
set -euo pipefail

K8S_VERSION="1.20.2"
DEB_SOURCE_VERSION="1.20.5+really1.20.2-1.1+deb12u1"
GO_VERSION="1.19"
CACHE_ROOT="${DIKAST_K8S_CACHE:-$HOME/.cache/dikast/k8s}"
TARGET="$CACHE_ROOT/$K8S_VERSION-linux-amd64"
WORK="$CACHE_ROOT/build-$K8S_VERSION"
GOROOT_DEB="/usr/lib/go-$GO_VERSION"

step_started=0
step() {
  step_started=$SECONDS
  echo "==> $*"
}
done_step() {
  echo "    took $((SECONDS - step_started)) s"
}

# The link flags are recorded in the binary: checking them also catches a binary from an older recipe.
ready() {
  [[ -x "$TARGET/kube-apiserver" && -x "$TARGET/etcd" && -x "$TARGET/kubectl" ]] \
    && [[ "$("$TARGET/kube-apiserver" --version 2>/dev/null)" == *"v$K8S_VERSION" ]] \
    && grep -qa "client-go/pkg/version.gitMinor=20" "$TARGET/kube-apiserver"
}

# Everything runs from main, which bash parses whole before running: the script can be edited
# (or checked out anew) while a long build is under way without the running copy misreading it.
main() {
  step "binaries in $TARGET"
  if ready; then
    echo "    kube-apiserver v$K8S_VERSION, etcd and kubectl already there"
    done_step
    echo "$TARGET"
    return 0
  fi
  done_step
  mkdir -p "$TARGET" "$WORK"

  step "Debian packages: Go $GO_VERSION, rsync, etcd, reflect2 1.0.2, dpkg-dev"
  # apt-get source needs a deb-src line; Debian's deb822 sources here only carry binary packages.
  if ! grep -rqs "deb-src" /etc/apt/sources.list /etc/apt/sources.list.d/; then
    cat >/etc/apt/sources.list.d/dikast-deb-src.sources <<'EOF'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "golang-$GO_VERSION-go" rsync etcd-server golang-github-modern-go-reflect2-dev dpkg-dev make >/dev/null
  done_step

  step "kubectl $K8S_VERSION from Debian's kubernetes-client, unpacked into the cache (the system's kubectl stays)"
  if [[ ! -x "$TARGET/kubectl" ]]; then
    rm -rf "$WORK/kubectl-deb" && mkdir -p "$WORK/kubectl-deb"
    (cd "$WORK/kubectl-deb" && apt-get download -qq "kubernetes-client=$DEB_SOURCE_VERSION" \
      && dpkg-deb -x kubernetes-client_*.deb root)
    install -m 0755 "$WORK/kubectl-deb/root/usr/bin/kubectl" "$TARGET/kubectl"
  fi
  done_step

  step "etcd from Debian's etcd-server"
  ln -sf "$(command -v etcd || echo /usr/bin/etcd)" "$TARGET/etcd"
  # Not piped into head: with pipefail, etcd killed by SIGPIPE would end the script.
  etcd_version="$("$TARGET/etcd" --version)"
  echo "    ${etcd_version%%$'\n'*}"
  done_step

  step "source of Debian's kubernetes $DEB_SOURCE_VERSION"
  SRC="$WORK/src"
  if [[ ! -f "$SRC/cmd/kube-apiserver/apiserver.go" ]]; then
    rm -rf "$WORK/apt-source" && mkdir -p "$WORK/apt-source"
    (cd "$WORK/apt-source" && apt-get source -qq "kubernetes=$DEB_SOURCE_VERSION" >/dev/null)
    rm -rf "$SRC"
    mv "$WORK"/apt-source/kubernetes-*/ "$SRC"
    rm -rf "$WORK/apt-source"
  fi
  done_step

  step "GOPATH layout and reflect2 1.0.2 in place of the vendored 1.0.1"
  # The tree predates modules being the default; GOPATH mode resolves vendor/ the way Kubernetes' 1.20 build did.
  export GOPATH="$WORK/gopath"
  mkdir -p "$GOPATH/src/k8s.io"
  ln -sfn "$SRC" "$GOPATH/src/k8s.io/kubernetes"
  # reflect2 1.0.1 reads runtime internals that changed in Go 1.18: the apiserver crashes at start with it.
  REFLECT2="$SRC/vendor/github.com/modern-go/reflect2"
  rm -rf "$REFLECT2"
  cp -r /usr/share/gocode/src/github.com/modern-go/reflect2 "$REFLECT2"
  done_step

  export PATH="$GOROOT_DEB/bin:$PATH"
  export GO111MODULE=off
  export GOCACHE="$WORK/gocache"

  step "generated OpenAPI definitions (make gen_openapi)"
  if [[ ! -f "$SRC/pkg/generated/openapi/zz_generated.openapi.go" ]]; then
    (cd "$GOPATH/src/k8s.io/kubernetes" && make gen_openapi >"$WORK/gen_openapi.log" 2>&1) \
      || { tail -40 "$WORK/gen_openapi.log"; exit 1; }
  fi
  done_step

  step "go build ./cmd/kube-apiserver"
  # Both version packages, as upstream's hack/lib/version.sh does: kube-apiserver --version reads
  # component-base's, the /version endpoint (served by the aggregator) client-go's.
  LDFLAGS="-s -w"
  BUILD_DATE="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  for pkg in client-go/pkg/version component-base/version; do
    for kv in gitVersion=v$K8S_VERSION gitMajor=1 gitMinor=20 gitTreeState=clean buildDate=$BUILD_DATE; do
      LDFLAGS="$LDFLAGS -X k8s.io/kubernetes/vendor/k8s.io/$pkg.$kv"
    done
  done
  (cd "$GOPATH/src/k8s.io/kubernetes" \
    && go build -ldflags "$LDFLAGS" -o "$WORK/kube-apiserver" ./cmd/kube-apiserver)
  install -m 0755 "$WORK/kube-apiserver" "$TARGET/kube-apiserver"
  done_step

  echo "total: $SECONDS s"
  ready || { echo "kube-apiserver built but does not report v$K8S_VERSION" >&2; exit 1; }
  "$TARGET/kube-apiserver" --version
  echo "$TARGET"
}

main "$@"
