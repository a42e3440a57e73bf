#!/bin/sh
# make-fake-go.sh REAL_GO DIR LOG: a Go toolchain at DIR whose `go` appends
# its arguments to LOG and then runs REAL_GO. DIR/VERSION is the real one,
# so mochi-go takes it for the same toolchain; any Go work shows in LOG.
set -e
real=$(readlink -f "$1")
root=$(dirname "$(dirname "$real")")
mkdir -p "$2/bin"
cp "$root/VERSION" "$2/VERSION"
cat > "$2/bin/go" <<EOS
#!/bin/sh
echo "go \$*" >> "$3"
exec "$real" "\$@"
EOS
chmod +x "$2/bin/go"
