#!/bin/sh
# run.sh BIN — measure kakekomi with wrk (64 connections) beside a fixed
# reference: nginx answering a 12-byte response, on this machine, in this run.
# Prints requests/s, p50 and p99 per scenario and the ratio to nginx.
set -eu
bin=$1
cpid=
dur=${BENCH_SECONDS:-10}
dir=$(mktemp -d /tmp/kk-bench.XXXXXX)
trap 'kill $kpid $npid $cpid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$dir"' EXIT INT TERM

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Reference: nginx, fixed 12-byte body.
nport=$(port)
mkdir -p "$dir/nginx/logs"
cat > "$dir/nginx/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $dir/nginx/nginx.pid;
error_log stderr error;
events { worker_connections 4096; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$nport;
    location / { default_type text/plain; return 200 "hello world\n"; }
  }
}
CONF
/usr/sbin/nginx -p "$dir/nginx" -c "$dir/nginx/nginx.conf" &
npid=$!

# kakekomi on a fresh demo database; its access log is kept out of the measurement's way.
kport=$(port)
"$bin" --db "$dir/kk.db" seed --demo >/dev/null
# The directory is measured over 100,000 experts (BENCH_EXPERTS to change).
t0=$(date +%s.%N)
"$bin" --db "$dir/kk.db" seed --experts "${BENCH_EXPERTS:-100000}" >/dev/null 2>&1
t1=$(date +%s.%N)
echo "seeded ${BENCH_EXPERTS:-100000} experts in $(echo "$t1 - $t0" | bc -l | cut -c1-5) s; database $(du -m "$dir/kk.db" | cut -f1) MiB"
# The Q&A over a million generated questions (BENCH_QUESTIONS to change).
before=$(du -m "$dir/kk.db" | cut -f1)
"$bin" --db "$dir/kk.db" seed --questions "${BENCH_QUESTIONS:-1000000}" 2>/dev/null
echo "database with the questions and their index: $(du -m "$dir/kk.db" | cut -f1) MiB (was $before MiB)"
echo "search index on disk (MiB): $(sqlite3 "$dir/kk.db" "SELECT group_concat(name || ' ' || round(s, 1), ', ') FROM (SELECT name, sum(pgsize) / 1048576.0 AS s FROM dbstat WHERE name LIKE 'qa_fts%' OR name = 'questions_search_key' GROUP BY name ORDER BY s DESC)")"
# The index built again from the questions and answers alone (what a migration or a repair does).
"$bin" --db "$dir/kk.db" reindex 2>/dev/null
# The self-assessment's peers: 100,000 companies with an assessment (BENCH_COMPANIES).
t0=$(date +%s.%N)
"$bin" --db "$dir/kk.db" seed --assessments "${BENCH_COMPANIES:-100000}" >/dev/null 2>&1
t1=$(date +%s.%N)
echo "seeded ${BENCH_COMPANIES:-100000} assessed companies in $(echo "$t1 - $t0" | bc -l | cut -c1-5) s"
# The regional dashboard over a year of their requests (BENCH_ACTIVITY years).
t0=$(date +%s.%N)
"$bin" --db "$dir/kk.db" seed --activity "${BENCH_ACTIVITY:-1}" >/dev/null 2>&1
t1=$(date +%s.%N)
echo "seeded ${BENCH_ACTIVITY:-1} year(s) of requests ($(sqlite3 "$dir/kk.db" "SELECT count(*) FROM requests")) in $(echo "$t1 - $t0" | bc -l | cut -c1-5) s"
# Study groups and events: 10,000 over two years with their registrations (BENCH_EVENTS).
t0=$(date +%s.%N)
"$bin" --db "$dir/kk.db" seed --events "${BENCH_EVENTS:-10000}" >/dev/null 2>&1
t1=$(date +%s.%N)
echo "seeded ${BENCH_EVENTS:-10000} events ($(sqlite3 "$dir/kk.db" "SELECT count(*) FROM event_registrations") registrations) in $(echo "$t1 - $t0" | bc -l | cut -c1-5) s"
"$bin" --db "$dir/kk.db" serve --listen "127.0.0.1:$kport" 2>"$dir/kk.log" &
kpid=$!
for i in $(seq 50); do
	curl -sf "http://127.0.0.1:$kport/healthz" >/dev/null 2>&1 && curl -sf "http://127.0.0.1:$nport/" >/dev/null 2>&1 && break
	sleep 0.1
done

# "name rps p50 p99" from wrk's output on stdin.
summary() {
	awk -v name="$1" '/^Requests\/sec:/ {r = $2} $1 == "50%" {p50 = $2} $1 == "99%" {p99 = $2}
		END {print name, r, p50, p99}'
}
measure() { # name url [connections]
	wrk -t2 -c"${3:-64}" -d"${dur}s" --latency "$2" | summary "$1"
}
# As a logged-in account (bearer token), 8 connections: token name path [wrk args...]
with_token() {
	tok=$1 name=$2 path=$3
	shift 3
	wrk -t2 -c8 -d"${dur}s" --latency -H "Authorization: Bearer $tok" "$@" "http://127.0.0.1:$kport$path" | summary "$name"
}

cert=$(sqlite3 "$dir/kk.db" "SELECT number FROM certificates LIMIT 1")
# Help desks: matching over the experts, for one skill and for a team of three roles.
set -- $(python3 "$(dirname "$0")/desks.py" "$kport")
token=$1 single=$2 team=$3
matches() { with_token "$token" "$@"; }

# The self-assessment as the demo company: its result page, the API and the what-if.
set -- $(python3 "$(dirname "$0")/assessment.py" "$kport" "$dir")
stoken=$1 assessment=$2
as_company() { with_token "$stoken" "$@"; }

# The same searches with the result cache off: every request runs the SQL.
cport=$(port)
"$bin" --db "$dir/kk.db" serve --listen "127.0.0.1:$cport" --search-cache 0 2>/dev/null &
cpid=$!
cold() { measure "$1" "http://127.0.0.1:$cport$2"; }
ref=$(measure "nginx-12-bytes" "http://127.0.0.1:$nport/")
ref_rps=$(echo "$ref" | awk '{print $2}')
printf '%-30s %12s %10s %10s %8s\n' scenario "requests/s" p50 p99 "x nginx"
for row in "$ref" \
	"$(measure "GET /healthz" "http://127.0.0.1:$kport/healthz")" \
	"$(measure "GET / (home page)" "http://127.0.0.1:$kport/")" \
	"$(measure "GET /api/v1/prefectures" "http://127.0.0.1:$kport/api/v1/prefectures")" \
	"$(measure "experts pref=13 near=1" "http://127.0.0.1:$kport/api/v1/experts?pref=13&near=1")" \
	"$(measure "experts pref=32" "http://127.0.0.1:$kport/api/v1/experts?pref=32")" \
	"$(measure "experts skill+level" "http://127.0.0.1:$kport/api/v1/experts?skill=pentest&min_level=3")" \
	"$(measure "experts page (HTML)" "http://127.0.0.1:$kport/experts?pref=27&near=1&skill=incident_response")" \
	"$(measure "verify certificate" "http://127.0.0.1:$kport/api/v1/certifications/$cert")" \
	"$(cold "experts pref=13 near=1 cold" "/api/v1/experts?pref=13&near=1")" \
	"$(cold "experts pref=32 cold" "/api/v1/experts?pref=32")" \
	"$(cold "experts skill+level cold" "/api/v1/experts?skill=pentest&min_level=3")" \
	"$(measure "map page (HTML)" "http://127.0.0.1:$kport/map")" \
	"$(measure "prefecture page /map/13" "http://127.0.0.1:$kport/map/13")" \
	"$(measure "regions API" "http://127.0.0.1:$kport/api/v1/regions?period=90")" \
	"$(measure "open data CSV (c=4)" "http://127.0.0.1:$kport/opendata/prefectures-monthly.csv" 4)" \
	"$(measure "events near 13 (HTML)" "http://127.0.0.1:$kport/events?pref=13&near=1")" \
	"$(measure "events API near 40" "http://127.0.0.1:$kport/api/v1/events?pref=40&near=1")" \
	"$(measure "events API kind+skill" "http://127.0.0.1:$kport/api/v1/events?kind=exercise&skill=backup")" \
	"$(measure "event page (HTML)" "http://127.0.0.1:$kport/events/5000")" \
	"$(measure "iCal feed /events/13.ics" "http://127.0.0.1:$kport/events/13.ics")" \
	"$(as_company "assessment result page (c=8)" "/assessments/$assessment")" \
	"$(as_company "assessment API (c=8)" "/api/v1/assessments/$assessment")" \
	"$(as_company "assessment what-if API (c=8)" "/api/v1/assessments/$assessment/simulate" -s "$dir/simulate.lua")" \
	"$(matches "matches: one skill (c=8)" "/api/v1/requests/$single/matches")" \
	"$(matches "matches: 3-role teams (c=8)" "/api/v1/requests/$team/matches")" \
	"$(measure "search 1 char (詐) (c=4)" "http://127.0.0.1:$kport/api/v1/search?q=%E8%A9%90" 4)" \
	"$(measure "search 2 chars (詐欺) (c=4)" "http://127.0.0.1:$kport/api/v1/search?q=%E8%A9%90%E6%AC%BA" 4)" \
	"$(measure "search 2 chars (対策) (c=4)" "http://127.0.0.1:$kport/api/v1/search?q=%E5%AF%BE%E7%AD%96" 4)" \
	"$(measure "search 7 chars (c=4)" "http://127.0.0.1:$kport/api/v1/search?q=%E3%83%A9%E3%83%B3%E3%82%B5%E3%83%A0%E3%82%A6%E3%82%A7%E3%82%A2" 4)" \
	"$(measure "search two terms (c=4)" "http://127.0.0.1:$kport/api/v1/search?q=%E3%83%91%E3%82%B9%E3%83%AF%E3%83%BC%E3%83%89%20%E8%A8%AD%E5%AE%9A" 4)" \
	"$(measure "search phrase (c=4)" "http://127.0.0.1:$kport/api/v1/search?q=%22%E5%88%9D%E5%8B%95%E5%AF%BE%E5%BF%9C%22" 4)" \
	"$(measure "search 3 terms (c=4)" "http://127.0.0.1:$kport/api/v1/search?q=%E3%82%A6%E3%82%A4%E3%83%AB%E3%82%B9%20%E5%AF%BE%E7%AD%96%20%E8%B2%BB%E7%94%A8" 4)" \
	"$(measure "search 対策 topic+level (c=4)" "http://127.0.0.1:$kport/api/v1/search?q=%E5%AF%BE%E7%AD%96&topic=malware&level=2" 4)" \
	"$(measure "search 7 chars topic+level (c=4)" "http://127.0.0.1:$kport/api/v1/search?q=%E3%83%A9%E3%83%B3%E3%82%B5%E3%83%A0%E3%82%A6%E3%82%A7%E3%82%A2&topic=backup&level=4" 4)" \
	"$(measure "search 3 terms level (c=4)" "http://127.0.0.1:$kport/api/v1/search?q=%E3%82%A6%E3%82%A4%E3%83%AB%E3%82%B9%20%E5%AF%BE%E7%AD%96%20%E8%B2%BB%E7%94%A8&level=3" 4)" \
	"$(measure "search 3 terms topic+level (c=4)" "http://127.0.0.1:$kport/api/v1/search?q=%E3%82%A6%E3%82%A4%E3%83%AB%E3%82%B9%20%E5%AF%BE%E7%AD%96%20%E8%B2%BB%E7%94%A8&topic=malware&level=2" 4)" \
	"$(measure "search 3 terms topic (c=4)" "http://127.0.0.1:$kport/api/v1/search?q=%E3%82%A6%E3%82%A4%E3%83%AB%E3%82%B9%20%E5%AF%BE%E7%AD%96%20%E8%B2%BB%E7%94%A8&topic=malware" 4)" \
	"$(measure "search page 50 of 対策 (c=4)" "http://127.0.0.1:$kport/api/v1/search?q=%E5%AF%BE%E7%AD%96&page=50" 4)" \
	"$(measure "search Latin prefix UTF (c=4)" "http://127.0.0.1:$kport/api/v1/search?q=UTF" 4)" \
	"$(measure "search page HTML (c=4)" "http://127.0.0.1:$kport/qa/search?q=%E8%A9%90%E6%AC%BA" 4)" \
	"$(measure "similar to a title (c=4)" "http://127.0.0.1:$kport/api/v1/questions/similar?title=%E3%83%A9%E3%83%B3%E3%82%B5%E3%83%A0%E3%82%A6%E3%82%A7%E3%82%A2%E3%81%AE%E5%AF%BE%E7%AD%96%E3%81%AB%E3%81%A4%E3%81%84%E3%81%A6" 4)" \
	"$(measure "question page (HTML)" "http://127.0.0.1:$kport/qa/12345")"; do
	echo "$row" | awk -v ref="$ref_rps" '{
		n = NF; name = $1; for (i = 2; i <= n - 3; i++) name = name " " $i;
		printf "%-30s %12.0f %10s %10s %8.2f\n", name, $(n-2), $(n-1), $n, $(n-2) / ref }'
done

rss() { awk '/^RssAnon/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
experts=$(sqlite3 "$dir/kk.db" "SELECT count(*) FROM experts")
questions=$(sqlite3 "$dir/kk.db" "SELECT count(*) FROM questions")
echo "server memory (RssAnon) with $experts experts and $questions questions: $(rss "$kpid") MiB" \
	"(the second server: $(rss "$cpid") MiB); $(grep -o 'registry of .*' "$dir/kk.log")"
echo "filing an incident until its offers are queued (p50 p99 of 30, one at a time): $(python3 "$(dirname "$0")/desks.py" "$kport" --file 30)"
