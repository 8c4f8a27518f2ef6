// lang/cmd/repl.h: the interactive session, `goro` with no arguments on a
// terminal.
//
// The session is one program that grows an entry at a time. The main
// goroutine (goroutine 1) runs each entry's top-level code as a chunk of
// its own and, when the chunk ends, asks for the next entry (it is the
// scheduler runner's MainGoroutine, lang/scheduler_runner.h):
//
//   read      lang/cmd/entry_reader.h reads an entry (continuation lines
//             while a bracket is open) with libedit. Waiting for a line is
//             a blocking system call (sched::entersyscall/exitsyscall), so
//             the goroutine's P goes on running the session's other
//             goroutines meanwhile.
//   compile   parse; turn each bare top-level expression statement `e`
//             into `show(e)` (below); resolve with the globals the earlier
//             entries declared (lang/resolver.h, "Sessions"), so their
//             variables and functions are in scope and may be declared
//             again; compile. Errors are printed as for a file (the entry
//             named "<input N>", N counting entries from 1) and the entry
//             is dropped.
//   run       the chunk runs on a new goroutine state for goroutine 1. A
//             panic or stack overflow in it prints the panic and the
//             traceback, and the session goes on with the next entry;
//             whatever the entry had assigned before it failed stays.
//
// show is global 0 of the session, a native no entry can name: it prints
// its arguments as %v, separated by spaces, on one line, and nothing when
// it gets none, so `x` prints x's value, `f()` every result of f, and a
// call without results nothing. Direct calls of fmt.Print, fmt.Println and
// fmt.Printf are left alone: their results (a byte count and nil) would
// only repeat what they printed.
//
// The session's globals are allocated once, at the limit of a global index
// (65536), because running goroutines keep a pointer to the globals array
// while they run; an entry that would pass the limit is refused.
//
// Standard output is line buffered (program output shows before the next
// prompt, and a background goroutine's lines show as they are printed).
// The session ends with status 0 at Ctrl-D, with os.Exit's status, or as a
// Go program does when something fatal happens: an unrecovered panic in a
// goroutine other than the entry's (status 2), a deadlock (the entry waits
// for something no goroutine will do), or SIGINT while an entry runs.
#pragma once

#include <string_view>

#include "lang/driver.h"

namespace goro::lang::cmd {

// Runs the session on standard input, a terminal; banner is printed first.
// Never returns.
[[noreturn]] void runRepl(const RunOptions& options, std::string_view banner);

}  // namespace goro::lang::cmd
