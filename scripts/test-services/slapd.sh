# Sourced by scripts/test.sh: starts a throwaway OpenLDAP slapd on 127.0.0.1 for the LDAP sign-in tests, seeded with
# scripts/test-services/slapd/seed.ldif (users, groups with the memberof overlay, a disabled user). It serves plain
# LDAP with StartTLS and LDAPS, with a certificate from a test CA made at start, so certificate validation is real.
# Exports BERTH_TEST_LDAP_URL (ldap://, StartTLS-capable), BERTH_TEST_LDAPS_URL, BERTH_TEST_LDAP_CA_DIR (the CA
# certificate, alone in its folder), BERTH_TEST_LDAP_BASE_DN, BERTH_TEST_LDAP_ADMIN_DN/_PASSWORD (the directory's
# root, for tests that change entries) and BERTH_TEST_LDAP_BIND_DN/_PASSWORD (the account Berth searches with).
slapd_port=${BERTH_TEST_LDAP_PORT:-3389}
slapd_tls_port=${BERTH_TEST_LDAPS_PORT:-3636}
slapd_bin=$(command -v slapd || echo /usr/sbin/slapd)
if [ ! -x "$slapd_bin" ] || ! command -v ldapadd >/dev/null; then
  echo "slapd.sh: slapd or ldapadd missing: apt-get install -y slapd ldap-utils (scripts/install-test-deps.sh does it)" >&2
  return 1
fi
for p in "$slapd_port" "$slapd_tls_port"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    echo "slapd.sh: port $p on 127.0.0.1 is in use (set BERTH_TEST_LDAP_PORT / BERTH_TEST_LDAPS_PORT)" >&2
    return 1
  fi
done

slapd_dir="$BERTH_TEST_RUN_DIR/slapd"
slapd_base="dc=berth,dc=test"
slapd_root_dn="cn=admin,$slapd_base"
slapd_root_password="ldap-admin-password"
mkdir -p "$slapd_dir/data" "$slapd_dir/ca"
# The test CA and a server certificate for 127.0.0.1 and localhost.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Berth test LDAP CA" \
  -keyout "$slapd_dir/ca.key" -out "$slapd_dir/ca/ca.crt" >/dev/null 2>&1
openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$slapd_dir/server.key" -out "$slapd_dir/server.csr" >/dev/null 2>&1
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' > "$slapd_dir/server.ext"
openssl x509 -req -in "$slapd_dir/server.csr" -CA "$slapd_dir/ca/ca.crt" -CAkey "$slapd_dir/ca.key" -CAcreateserial \
  -days 2 -extfile "$slapd_dir/server.ext" -out "$slapd_dir/server.crt" >/dev/null 2>&1 \
  || { echo "slapd.sh: could not make the test certificates with openssl" >&2; return 1; }

cat > "$slapd_dir/slapd.conf" <<CONF
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
modulepath /usr/lib/ldap
moduleload back_mdb
moduleload memberof
pidfile $slapd_dir/slapd.pid
TLSCACertificateFile $slapd_dir/ca/ca.crt
TLSCertificateFile $slapd_dir/server.crt
TLSCertificateKeyFile $slapd_dir/server.key
database mdb
suffix "$slapd_base"
rootdn "$slapd_root_dn"
rootpw $slapd_root_password
directory $slapd_dir/data
maxsize 104857600
overlay memberof
access to attrs=userPassword by self write by anonymous auth by * none
access to * by users read by * none
CONF

setsid "$slapd_bin" -d 0 -f "$slapd_dir/slapd.conf" -h "ldap://127.0.0.1:$slapd_port/ ldaps://127.0.0.1:$slapd_tls_port/" \
  >"$slapd_dir/slapd.log" 2>&1 </dev/null &
slapd_pid=$!
cleanups+=("kill $slapd_pid 2>/dev/null; wait $slapd_pid 2>/dev/null")
slapd_deadline=$(( $(date +%s) + 20 ))
until ldapsearch -x -H "ldap://127.0.0.1:$slapd_port/" -D "$slapd_root_dn" -w "$slapd_root_password" -b "" -s base >/dev/null 2>&1; do
  if ! kill -0 "$slapd_pid" 2>/dev/null || [ "$(date +%s)" -ge "$slapd_deadline" ]; then
    echo "slapd did not start; log:" >&2
    tail -20 "$slapd_dir/slapd.log" >&2
    return 1
  fi
  sleep 0.2
done
ldapadd -x -H "ldap://127.0.0.1:$slapd_port/" -D "$slapd_root_dn" -w "$slapd_root_password" \
  -f "$repo/scripts/test-services/slapd/seed.ldif" >"$slapd_dir/seed.log" 2>&1 \
  || { echo "slapd.sh: seeding the directory failed:" >&2; cat "$slapd_dir/seed.log" >&2; return 1; }

export BERTH_TEST_LDAP_URL="ldap://127.0.0.1:$slapd_port"
export BERTH_TEST_LDAPS_URL="ldaps://127.0.0.1:$slapd_tls_port"
export BERTH_TEST_LDAP_CA_DIR="$slapd_dir/ca"
export BERTH_TEST_LDAP_BASE_DN="$slapd_base"
export BERTH_TEST_LDAP_ADMIN_DN="$slapd_root_dn"
export BERTH_TEST_LDAP_ADMIN_PASSWORD="$slapd_root_password"
export BERTH_TEST_LDAP_BIND_DN="cn=berth,ou=services,$slapd_base"
export BERTH_TEST_LDAP_BIND_PASSWORD="berth-bind-password"
