/* An independent WebSocket (or raw TCP) echo load generator: one thread, epoll,
 * N connections, D messages in flight on each, for a fixed time after a warm-up.
 * It prints one line of key=value figures: messages per second, round-trip p50
 * and p99, and, given the server's pid, the server's CPU per 100k messages and
 * its context switches per message (all its threads, from /proc).
 *
 *   wire-load --port P [--raw] [--conns N] [--size BYTES] [--depth D] [--binary]
 *             [--seconds T] [--warmup W] [--pid PID] [--label NAME]
 *   wire-load --port P --idle SECONDS [--conns N] [--pid PID]
 *             (opens N WebSocket connections, sends nothing for SECONDS, then
 *             prints the server's resident memory per connection from /proc)
 *
 * WebSocket mode sends masked frames (fixed key: the server unmasks all the
 * same) and parses the echoed frames; pings from the server are skipped.
 * Raw mode sends SIZE bytes and counts SIZE bytes back as one message.
 * Loopback only. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_US 1000000
static uint32_t histogram[MAX_US + 1];

typedef struct {
    int fd;
    int in_flight;
    uint64_t *sent_at; /* ring of send times, depth entries */
    int ring_head, ring_tail;
    size_t out_off;    /* bytes of the current frame already written */
    int writing;       /* a frame is partly written */
    uint8_t *in;       /* receive buffer */
    size_t in_len, in_cap;
} conn_t;

static uint64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
}

static void die(const char *what) { perror(what); exit(2); }

/* utime+stime in clock ticks, and voluntary+nonvoluntary switches over all threads. */
static void proc_figures(int pid, long long *ticks, long long *switches) {
    char path[256], line[512];
    *ticks = 0; *switches = 0;
    if (pid <= 0) return;
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    FILE *f = fopen(path, "r");
    if (f) {
        if (fgets(line, sizeof line, f)) {
            char *p = strrchr(line, ')');
            unsigned long long ut = 0, st = 0;
            /* fields after ')': state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime */
            if (p && sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &ut, &st) == 2) *ticks = (long long)(ut + st);
        }
        fclose(f);
    }
    snprintf(path, sizeof path, "/proc/%d/task", pid);
    DIR *d = opendir(path);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char status[300];
        snprintf(status, sizeof status, "/proc/%d/task/%s/status", pid, e->d_name);
        FILE *s = fopen(status, "r");
        if (!s) continue;
        while (fgets(line, sizeof line, s)) {
            long long v;
            if (sscanf(line, "voluntary_ctxt_switches: %lld", &v) == 1) *switches += v;
            else if (sscanf(line, "nonvoluntary_ctxt_switches: %lld", &v) == 1) *switches += v;
        }
        fclose(s);
    }
    closedir(d);
}

/* VmRSS of pid in KiB (0 without a pid). */
static long long rss_kib(int pid) {
    if (pid <= 0) return 0;
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", pid);
    FILE *f = fopen(path, "r");
    long long v = 0;
    if (!f) return 0;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "VmRSS: %lld", &v) == 1) break;
    fclose(f);
    return v;
}

static double self_cpu_s(void) {
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6;
}

int main(int argc, char **argv) {
    int port = 0, conns = 1, size = 64, depth = 1, raw = 0, binary = 0, pid = 0;
    double idle = 0;
    double seconds = 5, warmup = 1;
    const char *label = "run";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : "0";
        if (!strcmp(a, "--port")) port = atoi(v), i++;
        else if (!strcmp(a, "--conns")) conns = atoi(v), i++;
        else if (!strcmp(a, "--size")) size = atoi(v), i++;
        else if (!strcmp(a, "--depth")) depth = atoi(v), i++;
        else if (!strcmp(a, "--seconds")) seconds = atof(v), i++;
        else if (!strcmp(a, "--warmup")) warmup = atof(v), i++;
        else if (!strcmp(a, "--pid")) pid = atoi(v), i++;
        else if (!strcmp(a, "--label")) label = v, i++;
        else if (!strcmp(a, "--idle")) idle = atof(v), i++;
        else if (!strcmp(a, "--raw")) raw = 1;
        else if (!strcmp(a, "--binary")) binary = 1;
        else { fprintf(stderr, "unknown option %s\n", a); return 2; }
    }
    if (port <= 0 || conns < 1 || conns > 5000 || size < 1 || size > (16 << 20) || depth < 1 || depth > 1024 || seconds <= 0 || seconds > 120) {
        fprintf(stderr, "usage: wire-load --port P [--raw] [--conns 1..5000] [--size 1..16M] [--depth 1..1024] [--seconds 0..120]\n");
        return 2;
    }

    /* The message as sent, and the length of its echo. */
    size_t frame_len, echo_len;
    uint8_t *frame;
    if (raw) {
        frame_len = echo_len = (size_t)size;
        frame = malloc(frame_len);
        for (int i = 0; i < size; i++) frame[i] = (uint8_t)('a' + i % 26);
    } else {
        size_t hdr = size <= 125 ? 2 : (size <= 65535 ? 4 : 10);
        frame_len = hdr + 4 + (size_t)size;
        echo_len = hdr + (size_t)size;
        frame = malloc(frame_len);
        frame[0] = 0x80 | (binary ? 0x2 : 0x1);
        if (size <= 125) frame[1] = 0x80 | (uint8_t)size;
        else if (size <= 65535) { frame[1] = 0x80 | 126; frame[2] = (uint8_t)(size >> 8); frame[3] = (uint8_t)size; }
        else { frame[1] = 0x80 | 127; for (int i = 0; i < 8; i++) frame[2 + i] = (uint8_t)((uint64_t)size >> (56 - 8 * i)); }
        const uint8_t key[4] = {0x12, 0x34, 0x56, 0x78};
        memcpy(frame + hdr, key, 4);
        for (int i = 0; i < size; i++) frame[hdr + 4 + i] = (uint8_t)('a' + i % 26) ^ key[i & 3];
    }

    long long rss_before = rss_kib(pid);
    int ep = epoll_create1(0);
    if (ep < 0) die("epoll_create1");
    conn_t *cs = calloc((size_t)conns, sizeof(conn_t));
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    for (int i = 0; i < conns; i++) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0) die("socket");
        if (connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0) die("connect");
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (!raw) {
            const char *req = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                              "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
            if (write(fd, req, strlen(req)) != (ssize_t)strlen(req)) die("write handshake");
            char head[4096];
            size_t got = 0;
            while (got < sizeof head - 1) {
                ssize_t n = read(fd, head + got, 1); /* byte by byte: nothing after the head is consumed */
                if (n <= 0) die("read handshake");
                got += (size_t)n;
                head[got] = 0;
                if (got >= 4 && !memcmp(head + got - 4, "\r\n\r\n", 4)) break;
            }
            if (strncmp(head, "HTTP/1.1 101", 12)) { fprintf(stderr, "handshake refused: %.60s\n", head); return 1; }
        }
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
        cs[i].fd = fd;
        cs[i].sent_at = calloc((size_t)depth, sizeof(uint64_t));
        cs[i].in_cap = echo_len * 2 + 65536;
        cs[i].in = malloc(cs[i].in_cap);
        struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT | EPOLLET, .data.u32 = (uint32_t)i};
        if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) < 0) die("epoll_ctl");
    }

    if (idle > 0) {
        usleep((useconds_t)(idle * 1e6));
        long long rss_after = rss_kib(pid);
        printf("label=%s idle_conns=%d server_rss_before_kib=%lld server_rss_after_kib=%lld kib_per_conn=%.2f\n", label, conns,
               rss_before, rss_after, (double)(rss_after - rss_before) / conns);
        return 0;
    }
    uint64_t start = now_ns();
    uint64_t measure_from = start + (uint64_t)(warmup * 1e9);
    uint64_t stop_at = measure_from + (uint64_t)(seconds * 1e9);
    int measuring = 0;
    long long counted = 0, ticks0 = 0, sw0 = 0;
    double self0 = 0;
    struct epoll_event events[256];

    /* Writes frames while the window allows; returns -1 on a hard error. */
    #define PUMP(c) do { \
        while ((c)->writing || (c)->in_flight < depth) { \
            if (!(c)->writing) { (c)->writing = 1; (c)->out_off = 0; (c)->sent_at[(c)->ring_head] = now_ns(); (c)->ring_head = ((c)->ring_head + 1) % depth; (c)->in_flight++; } \
            ssize_t n = send((c)->fd, frame + (c)->out_off, frame_len - (c)->out_off, MSG_NOSIGNAL); \
            if (n < 0) { if (errno == EAGAIN) break; die("send"); } \
            (c)->out_off += (size_t)n; \
            if ((c)->out_off == frame_len) (c)->writing = 0; \
        } } while (0)

    for (int i = 0; i < conns; i++) PUMP(&cs[i]);
    uint64_t t;
    while ((t = now_ns()) < stop_at) {
        if (!measuring && t >= measure_from) {
            measuring = 1;
            proc_figures(pid, &ticks0, &sw0);
            self0 = self_cpu_s();
            memset(histogram, 0, sizeof histogram);
            counted = 0;
        }
        int n = epoll_wait(ep, events, 256, 100);
        if (n < 0) { if (errno == EINTR) continue; die("epoll_wait"); }
        for (int e = 0; e < n; e++) {
            conn_t *c = &cs[events[e].data.u32];
            if (events[e].events & (EPOLLIN | EPOLLHUP | EPOLLERR)) {
                for (;;) {
                    if (c->in_cap - c->in_len < 65536) {
                        c->in_cap *= 2;
                        c->in = realloc(c->in, c->in_cap);
                    }
                    ssize_t r = recv(c->fd, c->in + c->in_len, c->in_cap - c->in_len, 0);
                    if (r == 0) { fprintf(stderr, "server closed a connection\n"); return 1; }
                    if (r < 0) { if (errno == EAGAIN) break; die("recv"); }
                    c->in_len += (size_t)r;
                }
                size_t off = 0;
                for (;;) {
                    size_t avail = c->in_len - off, msg_len;
                    int data = 1;
                    if (raw) {
                        if (avail < echo_len) break;
                        msg_len = echo_len;
                    } else {
                        if (avail < 2) break;
                        uint8_t *p = c->in + off;
                        uint64_t len = p[1] & 0x7f;
                        size_t hdr = 2;
                        if (len == 126) { if (avail < 4) break; len = ((uint64_t)p[2] << 8) | p[3]; hdr = 4; }
                        else if (len == 127) { if (avail < 10) break; len = 0; for (int k = 0; k < 8; k++) len = len << 8 | p[2 + k]; hdr = 10; }
                        if (p[1] & 0x80) hdr += 4;
                        if (avail < hdr + len) break;
                        msg_len = hdr + (size_t)len;
                        int opcode = p[0] & 0x0f;
                        if (opcode == 0x8) { fprintf(stderr, "server sent Close\n"); return 1; }
                        data = opcode <= 0x2;
                    }
                    off += msg_len;
                    if (!data) continue;
                    uint64_t rtt = (now_ns() - c->sent_at[c->ring_tail]) / 1000;
                    c->ring_tail = (c->ring_tail + 1) % depth;
                    c->in_flight--;
                    if (measuring) { histogram[rtt > MAX_US ? MAX_US : rtt]++; counted++; }
                }
                if (off > 0) { memmove(c->in, c->in + off, c->in_len - off); c->in_len -= off; }
            }
            PUMP(c);
        }
    }
    double elapsed = (now_ns() - measure_from) / 1e9;
    long long ticks1, sw1;
    proc_figures(pid, &ticks1, &sw1);
    double self_cpu = self_cpu_s() - self0;
    long long p50 = -1, p99 = -1, seen = 0;
    for (int us = 0; us <= MAX_US; us++) {
        seen += histogram[us];
        if (p50 < 0 && seen * 2 >= counted) p50 = us;
        if (p99 < 0 && seen * 100 >= counted * 99) { p99 = us; break; }
    }
    double hz = (double)sysconf(_SC_CLK_TCK);
    printf("label=%s conns=%d size=%d depth=%d mode=%s msgs=%lld rate=%.0f p50_us=%lld p99_us=%lld", label, conns, size,
           depth, raw ? "raw" : (binary ? "binary" : "text"), counted, counted / elapsed, p50, p99);
    if (pid > 0 && counted > 0)
        printf(" server_cpu_ms_per_100k=%.1f server_ctxsw_per_msg=%.2f", (ticks1 - ticks0) / hz * 1000.0 * 100000.0 / counted,
               (double)(sw1 - sw0) / counted);
    if (counted > 0) printf(" loadgen_cpu_ms_per_100k=%.1f", self_cpu * 1000.0 * 100000.0 / counted);
    printf("\n");
    for (int i = 0; i < conns; i++) {
        if (!raw) {
            const uint8_t close_frame[] = {0x88, 0x82, 0, 0, 0, 0, 0x03, 0xe8};
            (void)!send(cs[i].fd, close_frame, sizeof close_frame, MSG_NOSIGNAL);
        }
        shutdown(cs[i].fd, SHUT_WR);
    }
    usleep(100000);
    for (int i = 0; i < conns; i++) close(cs[i].fd);
    return counted > 0 ? 0 : 1;
}
