#ifndef CEPOLL_H
#define CEPOLL_H
// Glibc's Swift module does not export epoll or eventfd; this header does.
#include <sys/epoll.h>
#include <sys/eventfd.h>

/// accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC): a GNU extension that
/// Glibc's Swift module hides; the accepted socket is non-blocking from birth.
int cepoll_accept_nonblocking(int fd);
#endif
