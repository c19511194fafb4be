; Inno Setup 6 script: the QSH Desk (亲善之家前台) installer for Windows, in Simplified Chinese.
; Built by packaging\build.ps1 after PyInstaller has made dist\qsh-desk\; by hand:
;   ISCC.exe /DAppVersion=0.1.0 packaging\windows\qsh-desk.iss
; The records live in %LOCALAPPDATA%\qsh-desk (database, backups, logs), outside the program folder:
; installing a new release or uninstalling never touches them.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "亲善之家前台"
#define AppExe "qsh-desk.exe"
; The project folder, relative to this script.
#define Root "..\.."

[Setup]
; Keep this AppId: upgrades find the earlier installation by it.
AppId={{4A3C9F33-7E83-4771-AC07-3FA2FA83830E}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=高新社区亲善之家
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\QSH Desk
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
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Close a running copy before replacing its files.
CloseApplications=yes
ShowLanguageDialog=no

[Languages]
; ChineseSimplified.isl ships with Inno Setup 6.3 and later; older versions have it among the
; contributed translations at jrsoftware.org/files/istrans (copy it into Inno Setup's Languages folder).
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#else
  #error "Inno Setup 没有简体中文语言文件 Languages\ChineseSimplified.isl：请安装 Inno Setup 6.3 或更新版本"
#endif

[CustomMessages]
chinesesimplified.DesktopIcon=在桌面上创建快捷方式
chinesesimplified.Shortcuts=快捷方式：
chinesesimplified.Launch=启动亲善之家前台
chinesesimplified.DataKept=程序已卸载。站点的数据（数据库、备份和日志）仍保存在%n%1%n如不再需要，可以手动删除这个文件夹。

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; GroupDescription: "{cm:Shortcuts}"

[Files]
Source: "{#Root}\dist\qsh-desk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; Files of an older release that this one no longer ships (the program folder holds no user data).
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:Launch}"; Flags: nowait postinstall skipifsilent

[Code]
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
