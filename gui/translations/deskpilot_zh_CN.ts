<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AnchorPanel</name>
    <message>
        <source>Click where the step should click: every anchor is built anew there</source>
        <translation>点击此步骤应点击的位置：所有锚点都在该处重新生成</translation>
    </message>
    <message>
        <source>Click the label that tells the place: it becomes the text anchor</source>
        <translation>点击标示该位置的标签：它将成为文字锚点</translation>
    </message>
    <message>
        <source>Drag a rectangle around what to look for: it becomes the image anchor</source>
        <translation>框选要查找的内容：它将成为图像锚点</translation>
    </message>
    <message>
        <source>&amp;Point</source>
        <translation>位置(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Label</source>
        <translation>标签(&amp;L)</translation>
    </message>
    <message>
        <source>C&amp;rop</source>
        <translation>框选(&amp;R)</translation>
    </message>
    <message>
        <source>Find now</source>
        <translation>立即查找</translation>
    </message>
    <message>
        <source>Look for this target on the live screen and show every candidate (Ctrl+F)</source>
        <translation>在当前屏幕上查找此目标，并显示所有候选位置（Ctrl+F）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop waiting for this; its result is thrown away (Esc)</source>
        <translation>不再等待，结果将被丢弃（Esc）</translation>
    </message>
    <message>
        <source>⚠ weak: {why}</source>
        <translation>⚠ 不可靠：{why}</translation>
    </message>
    <message>
        <source>No screen was kept with this step: Find now, then click to re-pick.</source>
        <translation>此步骤没有保存录制时的屏幕：请先“立即查找”，再点击图片重新选取。</translation>
    </message>
    <message>
        <source>This step has no target.</source>
        <translation>此步骤没有目标。</translation>
    </message>
    <message>
        <source>window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>element {r} “{n}” in /{w}/</source>
        <translation>控件 {r}“{n}”，位于 /{w}/</translation>
    </message>
    <message>
        <source>text “{t}”, offset {o} ({e} text heights)</source>
        <translation>文字“{t}”，偏移 {o}，即 {e} 个字高</translation>
    </message>
    <message>
        <source>image {i}, point {p}</source>
        <translation>图像 {i}，点击点 {p}</translation>
    </message>
    <message>
        <source>window /{w}/ at {p}</source>
        <translation>窗口 /{w}/ 内的 {p}</translation>
    </message>
    <message>
        <source>recorded point {p}</source>
        <translation>录制时的位置 {p}</translation>
    </message>
</context>
<context>
    <name>BatchBar</name>
    <message>
        <source>DeskPilot rows</source>
        <translation>DeskPilot 批量运行</translation>
    </message>
    <message>
        <source>starting...</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop after abandoning the current row; running again resumes with it</source>
        <translation>放弃当前行并停止；再次运行时从该行继续</translation>
    </message>
    <message>
        <source>row {n} (try {a}): {text}</source>
        <translation>第 {n} 行（第 {a} 次尝试）：{text}</translation>
    </message>
    <message>
        <source>row {n}: {text}</source>
        <translation>第 {n} 行：{text}</translation>
    </message>
    <message>
        <source>{d} of {t} rows · {f} failed</source>
        <translation>已完成 {d}/{t} 行 · 失败 {f} 行</translation>
    </message>
    <message>
        <source>{d} of {t} rows · {f} failed · {r:.1f} rows/min · {m}:{s:02d} left</source>
        <translation>已完成 {d}/{t} 行 · 失败 {f} 行 · 每分钟 {r:.1f} 行 · 剩余 {m}:{s:02d}</translation>
    </message>
</context>
<context>
    <name>BatchDialog</name>
    <message>
        <source>Run with data</source>
        <translation>批量运行</translation>
    </message>
    <message>
        <source>claims.csv or claims.xlsx</source>
        <translation>例如 claims.csv 或 claims.xlsx</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>first sheet</source>
        <translation>第一个工作表</translation>
    </message>
    <message>
        <source>Stop the run</source>
        <translation>停止运行</translation>
    </message>
    <message>
        <source>Skip to the next row</source>
        <translation>跳到下一行</translation>
    </message>
    <message>
        <source>Retry the row once</source>
        <translation>重试该行一次</translation>
    </message>
    <message>
        <source>Retry the row up to 3 times</source>
        <translation>该行最多重试 3 次</translation>
    </message>
    <message>
        <source>Data file</source>
        <translation>数据文件</translation>
    </message>
    <message>
        <source>Sheet (.xlsx)</source>
        <translation>工作表（.xlsx）</translation>
    </message>
    <message>
        <source>When a row fails</source>
        <translation>某行失败时</translation>
    </message>
    <message>
        <source>Results go beside the data file; running again resumes after the last finished row.</source>
        <translation>结果保存在数据文件旁边；再次运行时从最后完成的一行之后继续。</translation>
    </message>
    <message>
        <source>Spreadsheets (*.csv *.xlsx)</source>
        <translation>电子表格 (*.csv *.xlsx)</translation>
    </message>
</context>
<context>
    <name>HealPanel</name>
    <message>
        <source>Accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Look again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <source>Open a recording to see the repairs its runs propose.</source>
        <translation>打开一个录制，查看运行时建议的修复。</translation>
    </message>
    <message>
        <source>No run of this recording proposes a repair.</source>
        <translation>此录制的运行没有建议任何修复。</translation>
    </message>
    <message>
        <source>Proposed by the run in {folder}: {n} to review</source>
        <translation>运行记录 {folder} 中的建议：{n} 项待审核</translation>
    </message>
    <message>
        <source>Fix the routine&apos;s problems first: {p}</source>
        <translation>请先修正流程中的问题：{p}</translation>
    </message>
    <message>
        <source>Healed {what}; Save keeps it, Undo takes it back</source>
        <translation>已修复：{what}；保存后生效，撤销可还原</translation>
    </message>
    <message>
        <source>Cannot remember the rejection in {folder}: {e}</source>
        <translation>无法在 {folder} 中记下此次拒绝：{e}</translation>
    </message>
    <message>
        <source>Rejected {what}</source>
        <translation>已拒绝：{what}</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>week</source>
        <translation>周</translation>
    </message>
    <message>
        <source>runs</source>
        <translation>运行次数</translation>
    </message>
    <message>
        <source>rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>time saved</source>
        <translation>节省时间</translation>
    </message>
    <message>
        <source>{when}  {status}  {s:.1f} s</source>
        <translation>{when}  {status}  {s:.1f} 秒</translation>
    </message>
    <message>
        <source>{run}, saved {s:.0f} s</source>
        <translation>{run}，节省 {s:.0f} 秒</translation>
    </message>
    <message>
        <source>{run}  (row {n})</source>
        <translation>{run}（第 {n} 行）</translation>
    </message>
    <message>
        <source>{n} passed without a manual time: add manual_seconds to the routine to count theirs</source>
        <translation>有 {n} 次通过的运行没有人工用时：在流程中添加 manual_seconds 才能计算节省的时间</translation>
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message>
        <source>Search recordings</source>
        <translation>搜索录制</translation>
    </message>
    <message>
        <source>Name of a new recording</source>
        <translation>新录制的名称</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>录制</translation>
    </message>
    <message>
        <source>Record a new routine (Ctrl+R)</source>
        <translation>录制一个新流程（Ctrl+R）</translation>
    </message>
    <message>
        <source>{name} — invalid: {error}</source>
        <translation>{name} — 无效：{error}</translation>
    </message>
    <message>
        <source>{label} (example)</source>
        <translation>{label}（示例）</translation>
    </message>
    <message>
        <source>{name} — {n} steps</source>
        <translation>{name} — {n} 个步骤</translation>
    </message>
    <message>
        <source>{name} — {n} steps, last run {when} {status}</source>
        <translation>{name} — {n} 个步骤，上次运行 {when} {status}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>DeskPilot</source>
        <translation>DeskPilot</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>录制库</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Anchors</source>
        <translation>锚点</translation>
    </message>
    <message>
        <source>Variables</source>
        <translation>变量</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行记录</translation>
    </message>
    <message>
        <source>Heal</source>
        <translation>修复</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Delete step</source>
        <translation>删除步骤</translation>
    </message>
    <message>
        <source>Duplicate step</source>
        <translation>复制步骤</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Play from here</source>
        <translation>从此步运行</translation>
    </message>
    <message>
        <source>Run with data...</source>
        <translation>批量运行…</translation>
    </message>
    <message>
        <source>Stop / cancel</source>
        <translation>停止/取消</translation>
    </message>
    <message>
        <source>Run this step</source>
        <translation>运行此步</translation>
    </message>
    <message>
        <source>Breakpoint</source>
        <translation>断点</translation>
    </message>
    <message>
        <source>Pause / resume</source>
        <translation>暂停/继续</translation>
    </message>
    <message>
        <source>Find now</source>
        <translation>立即查找</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>{action} ({keys})</source>
        <translation>{action}（{keys}）</translation>
    </message>
    <message>
        <source>Insert {kind}</source>
        <translation>插入 {kind}</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>{name} — DeskPilot</source>
        <translation>{name} — DeskPilot</translation>
    </message>
    <message>
        <source>Unsaved changes found</source>
        <translation>发现未保存的更改</translation>
    </message>
    <message>
        <source>This routine has changes that were never saved ({path}). Restore them?</source>
        <translation>此流程有未保存的更改（{path}）。要恢复吗？</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>Save the changes to {name}?</source>
        <translation>是否保存对 {name} 的更改？</translation>
    </message>
    <message>
        <source>The language changes the next time DeskPilot starts.</source>
        <translation>界面语言将在下次启动 DeskPilot 时更改。</translation>
    </message>
    <message>
        <source>Looking for the target on the screen ...</source>
        <translation>正在屏幕上查找目标…</translation>
    </message>
    <message>
        <source>Click the picture to re-pick the target there.</source>
        <translation>点击图片，在该处重新选取目标。</translation>
    </message>
    <message>
        <source>Find now: {text}</source>
        <translation>立即查找：{text}</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Re-pick works on steps with one target; edit a drag&apos;s from/to by hand</source>
        <translation>重新选取只适用于只有一个目标的步骤；拖动步骤的起点和终点请手动编辑</translation>
    </message>
    <message>
        <source>Reading the label at ({x}, {y}) ...</source>
        <translation>正在读取 ({x}, {y}) 处的标签…</translation>
    </message>
    <message>
        <source>Building anchors at ({x}, {y}) ...</source>
        <translation>正在 ({x}, {y}) 处生成锚点…</translation>
    </message>
    <message>
        <source>Checking the picture ...</source>
        <translation>正在检查图片…</translation>
    </message>
    <message>
        <source>Re-picked step {n} (weak: {why})</source>
        <translation>已重新选取第 {n} 步（不可靠：{why}）</translation>
    </message>
    <message>
        <source>Re-picked step {n}</source>
        <translation>已重新选取第 {n} 步</translation>
    </message>
</context>
<context>
    <name>RecordWorker</name>
    <message>
        <source>{path} already exists: choose another name</source>
        <translation>{path} 已存在：请换一个名称</translation>
    </message>
</context>
<context>
    <name>RecordingBar</name>
    <message>
        <source>{step}  (weak: {why})</source>
        <translation>{step}（不可靠：{why}）</translation>
    </message>
    <message>
        <source>DeskPilot recording</source>
        <translation>DeskPilot 正在录制</translation>
    </message>
    <message>
        <source>starting...</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>recording: {n} steps</source>
        <translation>正在录制：{n} 个步骤</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>finishing...</source>
        <translation>正在完成…</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
</context>
<context>
    <name>Repick</name>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>{how} {score:.2f} at ({x}, {y})</source>
        <translation>{how} {score:.2f}，位于 ({x}, {y})</translation>
    </message>
    <message>
        <source>found</source>
        <translation>已找到</translation>
    </message>
    <message>
        <source>ambiguous</source>
        <translation>不唯一</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>{verdict}: {detail}</source>
        <translation>{verdict}：{detail}</translation>
    </message>
    <message>
        <source>no text at ({x}, {y}) on this screen; click on the letters of a label</source>
        <translation>此屏幕的 ({x}, {y}) 处没有文字；请点击标签上的文字</translation>
    </message>
    <message>
        <source>the drawn picture is too small to find again; drag a rectangle of at least 8x8 pixels</source>
        <translation>框选的图片太小，无法再次找到；请框选至少 8x8 像素的矩形</translation>
    </message>
    <message>
        <source>the drawn rectangle is outside the screen; drag it over the screen picture</source>
        <translation>框选的矩形超出了屏幕；请在屏幕图片上框选</translation>
    </message>
    <message>
        <source>this step has no recorded point; re-pick the point first (Point mode)</source>
        <translation>此步骤没有录制时的位置；请先重新选取位置（“位置”模式）</translation>
    </message>
</context>
<context>
    <name>RoutineDocument</name>
    <message>
        <source>restore unsaved changes</source>
        <translation>恢复未保存的更改</translation>
    </message>
    <message>
        <source>delete step {n}</source>
        <translation>删除第 {n} 步</translation>
    </message>
    <message>
        <source>duplicate step {n}</source>
        <translation>复制第 {n} 步</translation>
    </message>
    <message>
        <source>move step {n}</source>
        <translation>移动第 {n} 步</translation>
    </message>
    <message>
        <source>insert {kind}</source>
        <translation>插入 {kind}</translation>
    </message>
    <message>
        <source>set {key} of step {n}</source>
        <translation>设置第 {n} 步的 {key}</translation>
    </message>
    <message>
        <source>re-pick target of step {n}</source>
        <translation>重新选取第 {n} 步的目标</translation>
    </message>
    <message>
        <source>heal step {n}</source>
        <translation>修复第 {n} 步</translation>
    </message>
    <message>
        <source>set variable {name}</source>
        <translation>设置变量 {name}</translation>
    </message>
</context>
<context>
    <name>RunControl</name>
    <message>
        <source>Give the new recording a name first</source>
        <translation>请先为新录制输入名称</translation>
    </message>
    <message>
        <source>Recorded {path}</source>
        <translation>已录制 {path}</translation>
    </message>
    <message>
        <source>Cannot record</source>
        <translation>无法录制</translation>
    </message>
    <message>
        <source>Paused before step {n}: F6 resumes, Esc stops</source>
        <translation>已在第 {n} 步前暂停：按 F6 继续，按 Esc 停止</translation>
    </message>
    <message>
        <source>Step {n}: {what}</source>
        <translation>第 {n} 步：{what}</translation>
    </message>
    <message>
        <source>Run {status} in {s:.1f} s: {error}</source>
        <translation>运行{status}，用时 {s:.1f} 秒：{error}</translation>
    </message>
    <message>
        <source>Run {status} in {s:.1f} s</source>
        <translation>运行{status}，用时 {s:.1f} 秒</translation>
    </message>
    <message>
        <source>Cannot play</source>
        <translation>无法运行</translation>
    </message>
    <message>
        <source>Cannot run with this data</source>
        <translation>无法用此数据运行</translation>
    </message>
    <message>
        <source>Nothing to do</source>
        <translation>无需运行</translation>
    </message>
    <message>
        <source>All rows are finished in {f}.</source>
        <translation>{f} 中的所有行都已完成。</translation>
    </message>
    <message>
        <source>{ok} ok, {entered} entered, not confirmed, {failed} failed of {total} rows in {s:.1f} s; results: {path}</source>
        <translation>共 {total} 行：成功 {ok} 行，已录入但未确认 {entered} 行，失败 {failed} 行，用时 {s:.1f} 秒；结果：{path}</translation>
    </message>
    <message>
        <source>{ok} ok, {failed} failed of {total} rows in {s:.1f} s; results: {path}</source>
        <translation>共 {total} 行：成功 {ok} 行，失败 {failed} 行，用时 {s:.1f} 秒；结果：{path}</translation>
    </message>
    <message>
        <source>Stopped at row {n} (it runs again next time). {summary}</source>
        <translation>已在第 {n} 行停止（下次运行时重新执行该行）。{summary}</translation>
    </message>
    <message>
        <source>Row {n} failed; the run stopped. {summary}</source>
        <translation>第 {n} 行失败，运行已停止。{summary}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Tesseract languages joined by +, e.g. eng+chi_sim</source>
        <translation>Tesseract 语言，用 + 连接，例如 eng+chi_sim</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>The language changes the next time DeskPilot starts.</source>
        <translation>界面语言将在下次启动 DeskPilot 时更改。</translation>
    </message>
    <message>
        <source>OCR languages</source>
        <translation>OCR 语言</translation>
    </message>
    <message>
        <source>Default step timeout</source>
        <translation>默认步骤超时</translation>
    </message>
    <message>
        <source>Stop recording</source>
        <translation>停止录制快捷键</translation>
    </message>
    <message>
        <source>Pause recording</source>
        <translation>暂停录制快捷键</translation>
    </message>
    <message>
        <source>Recordings folder</source>
        <translation>录制文件夹</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言 / Language</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>aborted</source>
        <translation>已中止</translation>
    </message>
    <message>
        <source>dry-run</source>
        <translation>试运行</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>entered, not confirmed</source>
        <translation>已录入，未确认</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>not run</source>
        <translation>未运行</translation>
    </message>
</context>
<context>
    <name>StepEditor</name>
    <message>
        <source>The step&apos;s text, key or label</source>
        <translation>此步骤的文字、按键或标签</translation>
    </message>
    <message>
        <source>Text / key</source>
        <translation>文字/按键</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Timeout (s)</source>
        <translation>超时（秒）</translation>
    </message>
    <message>
        <source>Cannot open</source>
        <translation>无法打开</translation>
    </message>
    <message>
        <source>Restored unsaved changes; Save keeps them, Undo drops them</source>
        <translation>已恢复未保存的更改；保存即保留，撤销即丢弃</translation>
    </message>
    <message>
        <source>Timeout must be a number of seconds</source>
        <translation>超时必须是秒数</translation>
    </message>
    <message>
        <source>Not saved: fix the problems first</source>
        <translation>未保存：请先修正问题</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Reloaded: the file changed on disk</source>
        <translation>已重新载入：文件在磁盘上被修改了</translation>
    </message>
    <message>
        <source>Changed on disk</source>
        <translation>文件已在磁盘上更改</translation>
    </message>
    <message>
        <source>{path} changed on disk. Reload and lose your edits?</source>
        <translation>{path} 已在磁盘上被修改。要重新载入并放弃您的编辑吗？</translation>
    </message>
</context>
<context>
    <name>StepTableModel</name>
    <message>
        <source>step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>anchors</source>
        <translation>锚点</translation>
    </message>
    <message>
        <source>note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>element</source>
        <translation>控件</translation>
    </message>
    <message>
        <source>point</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>⚠ weak: {why}</source>
        <translation>⚠ 不可靠：{why}</translation>
    </message>
    <message>
        <source>Weak anchors: {why}</source>
        <translation>锚点不可靠：{why}</translation>
    </message>
</context>
<context>
    <name>ValuesDialog</name>
    <message>
        <source>Values for this run</source>
        <translation>本次运行所需的值</translation>
    </message>
    <message>
        <source>This routine needs values that it does not have:</source>
        <translation>此流程需要以下尚未提供的值：</translation>
    </message>
    <message>
        <source>Not shown and never saved; store it in the keyring to skip this question</source>
        <translation>不显示也不保存；存入密钥环后将不再询问</translation>
    </message>
</context>
<context>
    <name>VariablesPanel</name>
    <message>
        <source>variable</source>
        <translation>变量</translation>
    </message>
    <message>
        <source>default</source>
        <translation>默认值</translation>
    </message>
    <message>
        <source>A secret: set it in the keyring or DESKPILOT_SECRET_{n}</source>
        <translation>机密值：请在密钥环或 DESKPILOT_SECRET_{n} 中设置</translation>
    </message>
</context>
</TS>
