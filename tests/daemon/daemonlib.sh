#!/usr/bin/env bash
# Shared by the test fixture and scripts/loom.sh: start and stop threadsd on loopback.

# The interfaces of this process's network namespace (/proc/net/dev is per namespace; /sys/class/net
# shows the namespace that mounted /sys, which may not be ours).
loom_interfaces() {
    awk -F: 'NR > 2 { gsub(/ /, "", $1); print $1 }' /proc/net/dev | sort | tr '\n' ' ' | sed 's/ $//'
}

# The network namespace must have no interface but lo: threadsd dials public peers at start-up.
loom_isolated() {
    [ "$(loom_interfaces)" = "lo" ]
}

loom_require_isolation() {
    if ! loom_isolated; then
        echo "refusing to start threadsd: this network namespace has interfaces besides lo" \
             "($(loom_interfaces)). Run through scripts/netns.sh." >&2
        exit 3
    fi
}

loom_port_free() {
    ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

loom_free_port() {
    local p
    while :; do
        p=$((20000 + RANDOM % 40000))
        if loom_port_free "$p" && [ -z "${LOOM_TAKEN_PORTS[$p]:-}" ]; then
            LOOM_TAKEN_PORTS[$p]=1
            echo "$p"
            return
        fi
    done
}
declare -A LOOM_TAKEN_PORTS

# loom_start_daemon <dir> <name> [api port] [libp2p port]: sets LOOM_API_PORT, LOOM_HOST_PORT;
# the pid goes to <dir>/<name>.pid, stdout/stderr to <dir>/<name>.out/.log.
loom_start_daemon() {
    local dir=$1 name=$2 bin=${LOOM_THREADSD:?path of threadsd}
    LOOM_API_PORT=${3:-$(loom_free_port)}
    LOOM_TAKEN_PORTS[$LOOM_API_PORT]=1
    LOOM_HOST_PORT=${4:-$(loom_free_port)}
    LOOM_TAKEN_PORTS[$LOOM_HOST_PORT]=1
    local proxy
    proxy=$(loom_free_port)
    mkdir -p "$dir/repo-$name"
    setsid "$bin" -repo "$dir/repo-$name" \
        -hostAddr "/ip4/127.0.0.1/tcp/$LOOM_HOST_PORT" \
        -apiAddr "/ip4/127.0.0.1/tcp/$LOOM_API_PORT" \
        -apiProxyAddr "/ip4/127.0.0.1/tcp/$proxy" \
        < /dev/null > "$dir/$name.out" 2> "$dir/$name.log" &
    local pid=$!
    echo "$pid" > "$dir/$name.pid"
    # Ready when the daemon prints its welcome line (the API is bound before it) and the port answers.
    local deadline=$((SECONDS + 90))
    until grep -q "Welcome to Threads" "$dir/$name.out" 2>/dev/null && ! loom_port_free "$LOOM_API_PORT"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "threadsd $name exited during start-up; its log:" >&2
            tail -n 30 "$dir/$name.log" >&2
            return 1
        fi
        if ((SECONDS > deadline)); then
            echo "threadsd $name did not open its API within 90 s; its log:" >&2
            tail -n 30 "$dir/$name.log" >&2
            return 1
        fi
        sleep 0.05
    done
    echo "threadsd $name (pid $pid): API 127.0.0.1:$LOOM_API_PORT, libp2p 127.0.0.1:$LOOM_HOST_PORT"
}

# loom_start_legacy_daemon <dir> <name>: threadsd v0.1.10 (legacy api.pb.API) on five free loopback
# ports (API, API proxy, service API, service API proxy, libp2p host); sets LOOM_API_PORT,
# LOOM_HOST_PORT, LOOM_LEGACY_ARGS (the flags after -repo, to start it again on the same repo and
# ports). The pid goes to <dir>/<name>.pid (and <dir>/<name>.legacy marks it: stop with SIGTERM).
loom_start_legacy_daemon() {
    local dir=$1 name=$2 bin=${LOOM_THREADSD_LEGACY:?path of threadsd-legacy}
    LOOM_API_PORT=$(loom_free_port)
    LOOM_HOST_PORT=$(loom_free_port)
    local proxy service serviceProxy
    proxy=$(loom_free_port)
    service=$(loom_free_port)
    serviceProxy=$(loom_free_port)
    LOOM_LEGACY_ARGS="-hostAddr /ip4/127.0.0.1/tcp/$LOOM_HOST_PORT -apiAddr /ip4/127.0.0.1/tcp/$LOOM_API_PORT"
    LOOM_LEGACY_ARGS+=" -apiProxyAddr /ip4/127.0.0.1/tcp/$proxy -serviceApiAddr /ip4/127.0.0.1/tcp/$service"
    LOOM_LEGACY_ARGS+=" -serviceApiProxyAddr /ip4/127.0.0.1/tcp/$serviceProxy"
    mkdir -p "$dir/repo-$name"
    # shellcheck disable=SC2086 # the flags are words
    setsid "$bin" -repo "$dir/repo-$name" $LOOM_LEGACY_ARGS \
        < /dev/null > "$dir/$name.out" 2> "$dir/$name.log" &
    local pid=$!
    echo "$pid" > "$dir/$name.pid"
    : > "$dir/$name.legacy"
    # Ready when it prints its peer id (the API ports are bound before it), the pid lives and the
    # API port answers.
    local deadline=$((SECONDS + 90))
    until grep -q "Your peer ID is" "$dir/$name.out" 2>/dev/null && kill -0 "$pid" 2>/dev/null \
          && ! loom_port_free "$LOOM_API_PORT"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "threadsd-legacy $name exited during start-up; its output:" >&2
            tail -n 30 "$dir/$name.out" "$dir/$name.log" >&2
            return 1
        fi
        if ((SECONDS > deadline)); then
            echo "threadsd-legacy $name did not open its API within 90 s; its log:" >&2
            tail -n 30 "$dir/$name.log" >&2
            return 1
        fi
        sleep 0.05
    done
    echo "threadsd-legacy $name (pid $pid): API 127.0.0.1:$LOOM_API_PORT, libp2p 127.0.0.1:$LOOM_HOST_PORT"
}

# SIGINT is the daemon's graceful stop (it exits with status 1); SIGKILL if it hangs. A legacy
# daemon (v0.1.10) has no signal handling and ignores SIGINT when started in the background: pass
# TERM as the second argument.
loom_stop_daemon() {
    local pid=$1 signal=${2:-INT} i
    kill "-$signal" "$pid" 2>/dev/null || return 0
    for ((i = 0; i < 300; i++)); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.05
    done
    kill -KILL "$pid" 2>/dev/null || true
}
