#ifndef CEPOLL_H
#define CEPOLL_H
// Glibc's Swift module does not export epoll or eventfd; this header does.
#include <sys/epoll.h>
#include <sys/eventfd.h>
#endif
