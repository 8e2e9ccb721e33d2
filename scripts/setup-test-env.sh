#!/usr/bin/env bash
# Prepares what the test suite needs on this machine (idempotent, quick when already done).
#
# PostgreSQL: a local PostgreSQL 15 cluster on 127.0.0.1:5432 with the pgvector extension and a
# database named "test" (override with RERANKER_PG_DATABASE). pgvector is not packaged for
# PostgreSQL 15 on Debian 12, so it is built from Debian 13's source package against
# postgresql-server-dev-15. The extra deb-src entry is derived from this machine's own apt
# configuration (same mirror, suite swapped) and lives in a throw-away directory: /etc/apt and
# the machine's package lists are never changed.
#
# Redis: a redis-server on 127.0.0.1:6379 (Debian's package), started without persistence when
# it does not answer PING.
#
# Add further preparation steps as functions and call them from main.
set -euo pipefail
cd "$(dirname "$0")/.."

PG_MAJOR="${RERANKER_PG_MAJOR:-15}"
PG_DATABASE="${RERANKER_PG_DATABASE:-test}"
PGVECTOR_SOURCE_SUITE="${RERANKER_PGVECTOR_SOURCE_SUITE:-trixie}"
PG_BIN="/usr/lib/postgresql/${PG_MAJOR}/bin"

TEMP_DIRS=()
cleanup() {
	if [ "${#TEMP_DIRS[@]}" -gt 0 ]; then
		rm -rf "${TEMP_DIRS[@]}"
	fi
}
trap cleanup EXIT

log() {
	echo "setup-test-env: $*"
}

fail() {
	echo "setup-test-env: ERROR: $*" >&2
	exit 1
}

# Runs a command as root (directly, or through sudo when not root).
as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo "$@"
	else
		fail "need root (or sudo) to run: $*"
	fi
}

# Runs a command as the postgres OS user.
as_postgres() {
	if [ "$(id -un)" = postgres ]; then
		"$@"
	elif [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		sudo -u postgres "$@"
	fi
}

missing_packages() {
	local pkg
	for pkg in "$@"; do
		if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
			echo "$pkg"
		fi
	done
}

install_postgres_packages() {
	local missing
	missing="$(missing_packages "postgresql-${PG_MAJOR}" "postgresql-client-${PG_MAJOR}" \
		"postgresql-server-dev-${PG_MAJOR}" build-essential dpkg-dev)"
	if [ -z "$missing" ]; then
		log "PostgreSQL ${PG_MAJOR} and build tools already installed"
		return
	fi
	log "installing: $(echo "$missing" | tr '\n' ' ')"
	as_root apt-get update -qq
	# shellcheck disable=SC2086
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

pgvector_installed() {
	local pkglibdir sharedir
	pkglibdir="$("${PG_BIN}/pg_config" --pkglibdir)"
	sharedir="$("${PG_BIN}/pg_config" --sharedir)"
	[ -f "${pkglibdir}/vector.so" ] && [ -f "${sharedir}/extension/vector.control" ]
}

# Prints a deb822 deb-src stanza for $PGVECTOR_SOURCE_SUITE, copied from the first enabled entry of
# this machine's apt configuration that serves the release's main suite (not -updates/-security).
derive_source_stanza() {
	local codename
	codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
	[ -n "$codename" ] || fail "cannot read VERSION_CODENAME from /etc/os-release"

	local file
	for file in /etc/apt/sources.list.d/*.sources; do
		[ -f "$file" ] || continue
		# deb822: stanzas separated by blank lines; pick one whose Suites include the codename itself.
		local stanza
		stanza="$(awk -v suite="$codename" '
			BEGIN { RS = ""; FS = "\n" }
			{
				uris = ""; signed = ""; suites = ""; enabled = "yes"
				for (i = 1; i <= NF; i++) {
					line = $i
					if (line ~ /^[ \t]*#/) continue
					if (tolower(line) ~ /^uris:/) { sub(/^[^:]*:[ \t]*/, "", line); uris = line }
					else if (tolower(line) ~ /^signed-by:/) { sub(/^[^:]*:[ \t]*/, "", line); signed = line }
					else if (tolower(line) ~ /^suites:/) { sub(/^[^:]*:[ \t]*/, "", line); suites = " " line " " }
					else if (tolower(line) ~ /^enabled:/) { sub(/^[^:]*:[ \t]*/, "", line); enabled = tolower(line) }
				}
				if (enabled != "no" && uris != "" && index(suites, " " suite " ") > 0) {
					print "URIs: " uris
					if (signed != "") print "Signed-By: " signed
					exit
				}
			}' "$file")"
		if [ -n "$stanza" ]; then
			printf 'Types: deb-src\n%s\nSuites: %s\nComponents: main\n' "$stanza" "$PGVECTOR_SOURCE_SUITE"
			return
		fi
	done

	# One-line format: "deb [options] URI suite components..."
	for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -f "$file" ] || continue
		local uri
		uri="$(awk -v suite="$codename" '
			$1 == "deb" {
				i = 2
				if ($i ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
				if ($(i + 1) == suite) { print $i; exit }
			}' "$file")"
		if [ -n "$uri" ]; then
			printf 'Types: deb-src\nURIs: %s\nSuites: %s\nComponents: main\n' "$uri" "$PGVECTOR_SOURCE_SUITE"
			return
		fi
	done
	fail "no apt entry for suite '${codename}' found in /etc/apt; cannot derive a deb-src line for pgvector"
}

build_pgvector() {
	if pgvector_installed; then
		log "pgvector already installed for PostgreSQL ${PG_MAJOR}"
		return
	fi
	local work
	work="$(mktemp -d /tmp/reranker-pgvector.XXXXXX)"
	chmod 755 "$work"
	# The throw-away apt configuration and the sources go away whatever happens.
	TEMP_DIRS+=("$work")
	mkdir -p "${work}/sources.list.d" "${work}/lists/partial" "${work}/src"
	derive_source_stanza >"${work}/sources.list.d/pgvector-src.sources"
	log "fetching pgvector source from suite ${PGVECTOR_SOURCE_SUITE}"
	local apt_opts=(
		-o "Dir::Etc::SourceList=/dev/null"
		-o "Dir::Etc::SourceParts=${work}/sources.list.d"
		-o "Dir::State::Lists=${work}/lists"
		-o "APT::Get::List-Cleanup=false"
		-o "APT::Sandbox::User=root"
	)
	apt-get "${apt_opts[@]}" -qq update
	(cd "${work}/src" && apt-get "${apt_opts[@]}" -qq source pgvector >/dev/null)
	local srcdir
	srcdir="$(find "${work}/src" -mindepth 1 -maxdepth 1 -type d -name 'pgvector-*' | head -n 1)"
	[ -n "$srcdir" ] || fail "apt-get source pgvector produced no source directory"
	log "building $(basename "$srcdir") for PostgreSQL ${PG_MAJOR}"
	# OPTFLAGS= : portable code (no -march=native), as Debian builds it.
	make -s -C "$srcdir" PG_CONFIG="${PG_BIN}/pg_config" OPTFLAGS="" -j"$(nproc)" >/dev/null
	as_root make -s -C "$srcdir" PG_CONFIG="${PG_BIN}/pg_config" OPTFLAGS="" install >/dev/null
	pgvector_installed || fail "pgvector build finished but the extension files are not installed"
	log "pgvector installed"
}

start_postgres() {
	if ! pg_lsclusters -h 2>/dev/null | awk -v v="$PG_MAJOR" '$1 == v && $2 == "main"' | grep -q .; then
		log "creating cluster ${PG_MAJOR}/main"
		as_root pg_createcluster "$PG_MAJOR" main
	fi
	if pg_lsclusters -h | awk -v v="$PG_MAJOR" '$1 == v && $2 == "main" { print $4 }' | grep -q online; then
		log "PostgreSQL ${PG_MAJOR}/main already running"
	else
		log "starting PostgreSQL ${PG_MAJOR}/main"
		as_root pg_ctlcluster --skip-systemctl-redirect "$PG_MAJOR" main start
	fi
	local i
	for i in $(seq 1 30); do
		if "${PG_BIN}/pg_isready" -q -h 127.0.0.1 -p 5432; then
			return
		fi
		sleep 1
	done
	fail "PostgreSQL ${PG_MAJOR} does not accept connections on 127.0.0.1:5432"
}

create_test_database() {
	local exists
	exists="$(as_postgres psql -XAtq -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '${PG_DATABASE}'")"
	if [ "$exists" != "1" ]; then
		log "creating database ${PG_DATABASE}"
		as_postgres createdb "$PG_DATABASE"
	fi
	as_postgres env PGOPTIONS="-c client_min_messages=warning" psql -XAtq -d "$PG_DATABASE" -v ON_ERROR_STOP=1 \
		-c "CREATE EXTENSION IF NOT EXISTS vector" -c "CREATE EXTENSION IF NOT EXISTS hstore" \
		-c "CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\"" >/dev/null
	log "database ${PG_DATABASE} ready (extensions vector, hstore, uuid-ossp)"
}

# The tests connect as RERANKER_TEST_PG_USER (postgres) with RERANKER_TEST_PG_PASSWORD (empty) over TCP.
check_test_connection() {
	if [ -n "${RERANKER_TEST_PG_URL:-}" ]; then
		return
	fi
	if ! PGPASSWORD="${RERANKER_TEST_PG_PASSWORD:-}" PGCONNECT_TIMEOUT=5 psql -XAtq -w \
		"host=127.0.0.1 port=5432 dbname=${PG_DATABASE} user=${RERANKER_TEST_PG_USER:-postgres}" \
		-c "SELECT 1" >/dev/null 2>&1; then
		fail "cannot log in to 127.0.0.1:5432/${PG_DATABASE} as ${RERANKER_TEST_PG_USER:-postgres}; set RERANKER_TEST_PG_USER and RERANKER_TEST_PG_PASSWORD for the tests, or allow that login in pg_hba.conf"
	fi
	log "tests can connect to 127.0.0.1:5432/${PG_DATABASE}"
}

setup_postgres() {
	install_postgres_packages
	build_pgvector
	start_postgres
	create_test_database
	check_test_connection
}

# Headless Chromium + chromedriver for example-app's browser end-to-end test (Debian packages;
# with their recommended fonts, so that screenshots show text).
setup_browser() {
	local missing
	missing="$(missing_packages chromium chromium-driver)"
	if [ -z "$missing" ]; then
		log "chromium and chromium-driver already installed"
		return
	fi
	log "installing: $(echo "$missing" | tr '\n' ' ')"
	as_root apt-get update -qq
	# shellcheck disable=SC2086
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
}

# Redis on 127.0.0.1:6379 for the score cache tests (Debian's redis-server; no persistence: the
# tests write only under their own key prefixes, with TTLs, and delete what they wrote).
setup_redis() {
	if command -v redis-cli >/dev/null 2>&1 && redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; then
		log "Redis already answering on 127.0.0.1:6379"
		return
	fi
	if ! command -v redis-server >/dev/null 2>&1; then
		local missing
		missing="$(missing_packages redis-server)"
		if [ -n "$missing" ]; then
			log "installing: $(echo "$missing" | tr '\n' ' ')"
			as_root apt-get update -qq
			# shellcheck disable=SC2086
			as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
		fi
	fi
	log "starting redis-server on 127.0.0.1:6379"
	as_root mkdir -p /var/lib/redis /var/log/redis
	as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
		--dir /var/lib/redis --logfile /var/log/redis/ci.log
	local i
	for i in $(seq 1 30); do
		if redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; then
			log "Redis ready on 127.0.0.1:6379"
			return
		fi
		sleep 1
	done
	fail "redis-server does not answer PING on 127.0.0.1:6379 (see /var/log/redis/ci.log)"
}

main() {
	setup_postgres
	setup_redis
	setup_browser
}

main "$@"
