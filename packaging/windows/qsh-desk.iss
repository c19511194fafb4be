; Inno Setup 6 script: the QSH Desk (亲善之家前台) installer for Windows, in Simplified Chinese.
; Built by packaging\build.ps1 after PyInstaller has made dist\qsh-desk\; by hand:
;   ISCC.exe /DAppVersion=0.1.0 packaging\windows\qsh-desk.iss
; and on Linux, under Wine, by packaging/windows/build-on-linux.sh.
; The records live in %LOCALAPPDATA%\qsh-desk (database, backups, logs), outside the program folder:
; installing a new release or uninstalling never touches them.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "亲善之家前台"
#define AppExe "qsh-desk.exe"
; The project folder, relative to this script.
#define Root "..\.."
; PyInstaller's folder; build-on-linux.sh passes its own with /DBundleDir=…
; /DCompression=zip for a quick try; a release keeps the default.
#ifndef Compression
  #define Compression "lzma2/max"
#endif
#ifndef BundleDir
  #define BundleDir Root + "\dist\qsh-desk"
#endif

[Setup]
; Keep this AppId: upgrades find the earlier installation by it.
AppId={{4A3C9F33-7E83-4771-AC07-3FA2FA83830E}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=高新社区亲善之家
VersionInfoVersion={#AppVersion}
DefaultDirName={code:DefaultInstallDir}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; A duty-volunteer PC often has no administrator at hand: install for this user unless asked otherwise.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#Root}\dist
OutputBaseFilename=qsh-desk-{#AppVersion}-setup
SetupIconFile={#Root}\resources\icons\qsh-desk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression={#Compression}
SolidCompression=yes
WizardStyle=modern
; Close a running copy before replacing its files.
CloseApplications=yes
ShowLanguageDialog=no

[Languages]
; Inno Setup itself has no Simplified Chinese among its languages (not up to 6.4 at least): the wizard's texts
; travel with this script, beside it.
Name: "chinesesimplified"; MessagesFile: "ChineseSimplified.isl"

[CustomMessages]
chinesesimplified.DesktopIcon=在桌面上创建快捷方式
chinesesimplified.Shortcuts=快捷方式：
chinesesimplified.Launch=启动亲善之家前台
chinesesimplified.DataKept=程序已卸载。站点的数据（数据库、备份和日志）仍保存在%n%1%n如不再需要，可以手动删除这个文件夹。

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; GroupDescription: "{cm:Shortcuts}"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; Files of an older release that this one no longer ships (the program folder holds no user data).
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:Launch}"; Flags: nowait postinstall skipifsilent

[Code]
// {autopf}\QSH Desk: C:\Program Files\QSH Desk for every user, %LOCALAPPDATA%\Programs\QSH Desk for one. A system
// that does not know the per-user program folder (Wine 8, where CI runs this installer) cannot expand {autopf}
// in the per-user mode: the folder Windows uses by default stands in there.
function DefaultInstallDir(Param: String): String;
begin
  try
    Result := ExpandConstant('{autopf}\QSH Desk');
  except
    Result := ExpandConstant('{localappdata}\Programs\QSH Desk');
  end;
end;

// Say where the data stayed, so nobody thinks uninstalling erased the station's records (or looks for them in vain).
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
  begin
    DataDir := ExpandConstant('{localappdata}\qsh-desk');
    if DirExists(DataDir) then
      MsgBox(FmtMessage(CustomMessage('DataKept'), [DataDir]), mbInformation, MB_OK);
  end;
end;
