#ifndef CEPOLL_H
#define CEPOLL_H
// Glibc's Swift module does not export epoll or eventfd; this header does.
#include <sys/epoll.h>
#include <sys/eventfd.h>

/// accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC): a GNU extension that
/// Glibc's Swift module hides; the accepted socket is non-blocking from birth.
int cepoll_accept_nonblocking(int fd);

/// Names the calling thread (at most 15 bytes shown), for ps and profilers:
/// pthread_setname_np is a GNU extension Glibc's Swift module hides.
void cepoll_name_this_thread(const char *name);
#endif
