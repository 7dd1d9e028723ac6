#!/bin/bash
# tls-make-certs.sh DIR [IP] -- a throwaway certificate authority and a
# server certificate for https://IP/ (default 127.0.0.1), made fresh for
# one rig run:
#   DIR/ca.crt       the CA (what the client trusts: its ca-bundle.crt)
#   DIR/server.crt   the server's certificate, SAN IP:IP, signed
#                    by the CA, valid for a day
#   DIR/server.key   its key (nginx's)
# The CA's key is thrown away once it has signed.  P-256 keys: quick to
# make, and what a real site would use.
set -euo pipefail

dir=${1:?usage: tls-make-certs.sh DIR [IP]} ip=${2:-127.0.0.1}
mkdir -p "$dir"
work=$(mktemp -d "$dir/tmp.XXXXXX")
trap 'rm -rf "$work"' EXIT

# new_key FILE: an EC P-256 private key.
new_key() {
	openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
		-out "$1" 2> /dev/null
}

(umask 077; new_key "$work/ca.key"; new_key "$dir/server.key")

openssl req -x509 -new -key "$work/ca.key" -days 1 -sha256 \
	-subj "/CN=netlife rig test CA" \
	-addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
	-addext "keyUsage=critical,keyCertSign,cRLSign" \
	-out "$dir/ca.crt" 2> /dev/null

openssl req -new -key "$dir/server.key" -subj "/CN=$ip" \
	-out "$work/server.csr" 2> /dev/null
cat > "$work/server.ext" <<EXT
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = IP:$ip
EXT
openssl x509 -req -in "$work/server.csr" -CA "$dir/ca.crt" \
	-CAkey "$work/ca.key" -set_serial "0x$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')" \
	-days 1 -sha256 -extfile "$work/server.ext" -out "$dir/server.crt" 2> /dev/null

# The chain must verify for the name the client will check.
openssl verify -CAfile "$dir/ca.crt" -verify_ip "$ip" "$dir/server.crt" > /dev/null
