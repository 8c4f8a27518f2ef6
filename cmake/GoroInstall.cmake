# cmake/GoroInstall.cmake: what `cmake --install build --prefix DIR` puts
# where, and the Debian package `cpack -G DEB` (run in the build directory)
# makes of the same files (README.md, "Installing").
#
#   DIR/bin/goro, DIR/bin/goro-stress
#   DIR/share/man/man1/goro.1.gz, goro-stress.1.gz   (man/*.1, gzipped here)
#   DIR/share/doc/goro/README.md, HACKING.md
#   DIR/share/doc/goro/docs/...                      (docs/, as in the tree,
#                                                     so relative links hold)
#
# The binaries need only shared runtime libraries (goro links libstdc++ in,
# outside sanitizer builds); the package's Depends line is computed from
# them by dpkg-shlibdeps. tests/install checks all of this.
include(GNUInstallDirs)

install(TARGETS goro goro-stress RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# Man pages are installed compressed, as Debian's policy wants them; gzip -n
# leaves out the name and time stamp so that the package is reproducible.
set(goro_man_pages goro.1 goro-stress.1)
set(goro_man_outputs "")
foreach(page ${goro_man_pages})
  set(out ${PROJECT_BINARY_DIR}/man/${page}.gz)
  add_custom_command(OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/man
    COMMAND gzip -9n -c ${PROJECT_SOURCE_DIR}/man/${page} > ${out}
    DEPENDS ${PROJECT_SOURCE_DIR}/man/${page}
    COMMENT "Compressing man page ${page}")
  list(APPEND goro_man_outputs ${out})
endforeach()
add_custom_target(goro_man_pages ALL DEPENDS ${goro_man_outputs})
install(FILES ${goro_man_outputs} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

install(FILES README.md HACKING.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs)

set(CPACK_PACKAGE_NAME goro)
set(CPACK_PACKAGE_VENDOR "The Goro project")
set(CPACK_PACKAGE_CONTACT "Goro maintainers <goro@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "miniature Go-flavoured language runtime with a Go-style scheduler and GC")
set(CPACK_PACKAGE_DESCRIPTION
    "Goro runs scripts written in Go's syntax without the static types, on a Go-style P/M/G\n"
    "scheduler with a stop-the-world mark-sweep garbage collector. The package holds the goro\n"
    "interpreter, the goro-stress runner, their manual pages and the documentation.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
set(CPACK_DEBIAN_PACKAGE_SECTION interpreters)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
include(CPack)
