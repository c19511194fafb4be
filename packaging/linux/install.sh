#!/usr/bin/env sh
# Installs this QSH Desk bundle with its menu entry and icon: for everyone when run as root (/opt/qsh-desk),
# otherwise for the current user (~/.local). The data folder (~/.local/share/qsh-desk) is never touched,
# so installing a new release over an old one keeps every record.
set -eu
here=$(cd "$(dirname "$0")" && pwd)

if [ "$(id -u)" = 0 ]; then
  prefix=/opt/qsh-desk bin=/usr/local/bin share=/usr/local/share
else
  prefix=$HOME/.local/opt/qsh-desk bin=$HOME/.local/bin share=${XDG_DATA_HOME:-$HOME/.local/share}
fi

if [ "$here" != "$prefix" ]; then
  rm -rf "$prefix"
  mkdir -p "$prefix"
  cp -a "$here"/. "$prefix"/
fi
mkdir -p "$bin" "$share/applications"
ln -sf "$prefix/qsh-desk" "$bin/qsh-desk"

icons="$prefix/_internal/resources/icons"
for size in 16 24 32 48 64 128 256; do
  mkdir -p "$share/icons/hicolor/${size}x${size}/apps"
  cp "$icons/qsh-desk-$size.png" "$share/icons/hicolor/${size}x${size}/apps/qsh-desk.png"
done
mkdir -p "$share/icons/hicolor/scalable/apps"
cp "$icons/qsh-desk.svg" "$share/icons/hicolor/scalable/apps/qsh-desk.svg"

# The menu entry starts this copy of the program, wherever it was installed.
sed "s|^Exec=.*|Exec=$prefix/qsh-desk|" "$prefix/qsh-desk.desktop" > "$share/applications/qsh-desk.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$share/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$share/icons/hicolor" || true

echo "QSH Desk 已安装到 $prefix；在应用菜单中找“亲善之家前台”，或运行 $bin/qsh-desk"
