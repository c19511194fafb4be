#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages QSH Desk needs: Qt's libraries and Chinese fonts to run the app;
# with --test also what the tests use: PostgreSQL (they start a throwaway server), PyInstaller's needs (the
# packaging tests build the bundle), libfaketime (programs started by the tests run at the tests' pinned
# time), and the tools to look at PDFs and read their QR codes.
# Debian 12, Ubuntu 22.04 and 24.04. Runs itself with sudo when not root. Safe to run again.
set -euo pipefail

if [ "$(id -u)" != 0 ]; then
  exec sudo bash "$0" "$@"
fi

packages=(
  python3-venv python3-pip
  # Qt (PySide6 wheels) on X11/Wayland and offscreen
  libglib2.0-0 libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 libdbus-1-3
  libx11-6 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxcb-xfixes0 libxcb-xinerama0 libcups2
  # Chinese fonts: the interface, and TrueType fonts ReportLab can embed in PDFs (LXGW WenKai has rare name characters)
  fonts-wqy-microhei fonts-wqy-zenhei fonts-lxgw-wenkai
)
if [ "${1:-}" = "--test" ]; then
  packages+=(
    postgresql poppler-utils poppler-data zbar-tools faketime
    # mupdf renders PDFs differently from poppler: the cards' QR codes must decode from both
    mupdf-tools
    # PyInstaller reads the program's libraries with objdump (binutils) and bundles Python's shared library.
    binutils
  )
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -q

if [ "${1:-}" = "--test" ]; then
  # The shared library of the python3 that will make the venv: libpython3.11 on Debian 12, 3.10 on Ubuntu 22.04,
  # 3.12 on Ubuntu 24.04. A Python built by hand (pyenv, python.org) brings its own and needs none.
  version=$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')
  if apt-cache show "libpython$version" >/dev/null 2>&1; then
    packages+=("libpython$version")
  fi
fi

apt-get install -y -q --no-install-recommends "${packages[@]}"
