// Goroutine dumps: what a fatal error, an unrecovered panic or SIGQUIT
// prints about the goroutines and the threads, after Go's goroutineheader,
// tracebackothers (traceback.go) and crash (signal_unix.go):
//
//     goroutine 7 [chan receive]:
//     main.worker(...)
//     	/path/prog.goro:12
//     created by main.main in goroutine 1
//     	/path/prog.goro:30
//
//     goroutine 9 [running]:
//     	goroutine running on other thread; stack unavailable
//     created by main.main in goroutine 1
//     	/path/prog.goro:31
//
// and, when the policy asks for them (GOTRACEBACK=system or crash, SIGQUIT,
// SIGABRT), each M's native stack, one thread at a time
// (runtime/thread_stacks.h):
//
//     M3 (thread 12345, P1, curg goroutine 7):
//     goro::sched::stopm(goro::sched::M*)+0x5c
//     	pc=0x55d0c0a1b2c3
//     ...
//
// The status in brackets is Go's: the wait reason of a waiting goroutine
// (g.h, WaitReason, with Go's strings), "stopping the world" for a goroutine
// whose M waits to stop the world or is stopping it (Goro parks it in a
// system call state meanwhile: stw.cpp), else the status's name (runnable,
// running, syscall). Go's ", N minutes" of a long wait is left out.
//
// Everything here walks allgs and allm without locks and writes with
// FdWriter: it may run on a dying thread, inside a signal handler, while
// other threads run.
#pragma once

#include "runtime/gotraceback.h"
#include "sched/g.h"

namespace goro::sched {

// The bracketed status of g's header line.
const char* goroutineStatus(const G* g);

// Prints the goroutines the policy asks for, each after a blank line:
// nothing at level 0; else, unless it is `skip`, the goroutine this thread
// runs, then, when policy.all, every other live goroutine but `skip`.
// `skip` is one the caller has printed already (a panicking goroutine).
void dumpGoroutines(int fd, const runtime::TracebackPolicy& policy, const G* skip);

// Prints each M's header line and native stack, sysmon's included.
void dumpMStacks(int fd);

// The whole dump of a failure: dumpGoroutines, then dumpMStacks when the
// policy asks for it. This is the fatal dump hook (installDumpHook).
void dumpForFailure(int fd, const runtime::TracebackPolicy& policy, const G* skip);

}  // namespace goro::sched
