#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages QSH Desk needs: Qt's libraries and Chinese fonts to run the app;
# with --test also PostgreSQL (the tests start a throwaway server) and the tools to look at PDFs and read their
# QR codes.
# Runs itself with sudo when not root. Safe to run again.
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
  packages+=(postgresql poppler-utils poppler-data zbar-tools)
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${packages[@]}"
