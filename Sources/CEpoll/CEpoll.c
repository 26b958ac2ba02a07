#define _GNU_SOURCE
#include <stddef.h>
#include <pthread.h>
#include <sys/socket.h>
#include "CEpoll.h"

int cepoll_accept_nonblocking(int fd) {
    return accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
}

void cepoll_name_this_thread(const char *name) {
    char shortened[16];
    size_t i = 0;
    for (; i < 15 && name[i]; i++) shortened[i] = name[i];
    shortened[i] = 0;
    pthread_setname_np(pthread_self(), shortened);
}
