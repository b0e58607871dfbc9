<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AnchorPanel</name>
    <message>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
    <message>
        <source>Each anchor as the routine file writes it</source>
        <translation>每个锚点在流程文件中的写法</translation>
    </message>
    <message>
        <source>Whole window</source>
        <translation>整个窗口</translation>
    </message>
    <message>
        <source>Zoom out to the whole recorded window, or back in to the target</source>
        <translation>缩小到录制时的整个窗口，或放大回目标</translation>
    </message>
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
        <source>click</source>
        <translation>点击</translation>
    </message>
    <message>
        <source>red: where the step clicks</source>
        <translation>红色：此步骤点击的位置</translation>
    </message>
    <message>
        <source>orange: the corner of its window</source>
        <translation>橙色：其所在窗口的角</translation>
    </message>
    <message>
        <source>picture</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>green: the picture it looks for ({file})</source>
        <translation>绿色：要查找的图片（{file}）</translation>
    </message>
    <message>
        <source>label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>blue: the label “{text}” it is found by</source>
        <translation>蓝色：用来找到它的标签“{text}”</translation>
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
    <name>ApprovalActions</name>
    <message>
        <source>Open a recording first</source>
        <translation>请先打开一个录制</translation>
    </message>
    <message>
        <source>Signing or approving is under way</source>
        <translation>正在签名或审批</translation>
    </message>
    <message>
        <source>The window shows unsaved edits, not the signed version: undo them (or save and sign the new version) first</source>
        <translation>窗口显示的是未保存的编辑，而不是已签名的版本：请先撤销这些编辑（或保存并为新版本签名）</translation>
    </message>
    <message>
        <source>Changed since it was signed: its author signs the new version first</source>
        <translation>签名后已更改：需由作者先为新版本签名</translation>
    </message>
    <message>
        <source>A signature does not match: its author signs it again first</source>
        <translation>签名不匹配：需由作者先重新签名</translation>
    </message>
    <message>
        <source>Not signed yet: its author signs this version first</source>
        <translation>尚未签名：需由作者先为此版本签名</translation>
    </message>
    <message>
        <source>Signing {name} ...</source>
        <translation>正在为 {name} 签名…</translation>
    </message>
    <message>
        <source>Sign this version</source>
        <translation>为此版本签名</translation>
    </message>
    <message>
        <source>{name} has unsaved changes.</source>
        <translation>{name} 有未保存的更改。</translation>
    </message>
    <message>
        <source>A signature covers the saved files, so the changes are saved first.</source>
        <translation>签名针对已保存的文件，因此会先保存这些更改。</translation>
    </message>
    <message>
        <source>Save and sign</source>
        <translation>保存并签名</translation>
    </message>
    <message>
        <source>{name} is approved by {who}.</source>
        <translation>{name} 已由 {who} 审批。</translation>
    </message>
    <message>
        <source>Signing it again makes it a new version: the approval goes, and it needs approving again.</source>
        <translation>重新签名会使其成为新版本：原有审批将失效，需要再次审批。</translation>
    </message>
    <message>
        <source>Sign again</source>
        <translation>重新签名</translation>
    </message>
    <message>
        <source>Signed {name} as {user}: another person approves it now</source>
        <translation>已以 {user} 的身份为 {name} 签名：现在由另一个人审批</translation>
    </message>
    <message>
        <source>Approve this version</source>
        <translation>审批此版本</translation>
    </message>
    <message>
        <source>Approving {name} ...</source>
        <translation>正在审批 {name}…</translation>
    </message>
    <message>
        <source>{author} signed it on {host} at {time} (key {key}).</source>
        <translation>{author} 于 {time} 在 {host} 上签名（密钥 {key}）。</translation>
    </message>
    <message>
        <source>Files the signature covers: {count}</source>
        <translation>签名涵盖的文件：{count} 个</translation>
    </message>
    <message>
        <source>Recordings it calls, covered too: {count}</source>
        <translation>其调用的录制（同样涵盖）：{count} 个</translation>
    </message>
    <message>
        <source>Approved already by {who}</source>
        <translation>已由 {who} 审批</translation>
    </message>
    <message>
        <source>You ({user}) signed this version yourself. Your team&apos;s policy lets an author approve their own recording; the approval will say so.</source>
        <translation>此版本是您（{user}）自己签名的。您团队的策略允许作者审批自己的录制；审批记录会注明这一点。</translation>
    </message>
    <message>
        <source>You ({user}) signed this version yourself: another person must approve it. DeskPilot refuses an author&apos;s approval unless your team&apos;s policy allows it.</source>
        <translation>此版本是您（{user}）自己签名的：必须由另一个人审批。除非您团队的策略允许，DeskPilot 会拒绝作者本人的审批。</translation>
    </message>
    <message>
        <source>Approve {name} as {user}?</source>
        <translation>以 {user} 的身份审批 {name}？</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>审批</translation>
    </message>
    <message>
        <source>Approved {name} as {user}</source>
        <translation>已以 {user} 的身份审批 {name}</translation>
    </message>
</context>
<context>
    <name>ApprovalBadge</name>
    <message>
        <source>Not signed</source>
        <translation>未签名</translation>
    </message>
    <message>
        <source>Edited: the approval by {who} no longer applies</source>
        <translation>已编辑：{who} 的审批不再适用</translation>
    </message>
    <message>
        <source>Approved by {who}</source>
        <translation>已由 {who} 审批</translation>
    </message>
    <message>
        <source>Signed by {who}, not approved</source>
        <translation>已由 {who} 签名，尚未审批</translation>
    </message>
    <message>
        <source>Changed since it was signed: {files}</source>
        <translation>签名后已更改：{files}</translation>
    </message>
    <message>
        <source>A signature does not match: do not run this recording</source>
        <translation>签名不匹配：请勿运行此录制</translation>
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
        <source>Every row not done yet</source>
        <translation>所有尚未完成的行</translation>
    </message>
    <message>
        <source>From row</source>
        <translation>起始行</translation>
    </message>
    <message>
        <source>These rows</source>
        <translation>指定行</translation>
    </message>
    <message>
        <source>3, 7-9</source>
        <translation>例如 3, 7-9</translation>
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
        <source>Rows</source>
        <translation>行范围</translation>
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
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>The first rows, and the value each column fills:</source>
        <translation>前几行，以及每一列填入的值：</translation>
    </message>
    <message>
        <source>Spreadsheets (*.csv *.xlsx)</source>
        <translation>电子表格 (*.csv *.xlsx)</translation>
    </message>
    <message>
        <source>✓ {column}</source>
        <translation>✓ {column}</translation>
    </message>
    <message>
        <source>Fills the value &apos;{name}&apos; of the routine</source>
        <translation>填入流程中的值“{name}”</translation>
    </message>
    <message>
        <source>✗ {column} (not &apos;{name}&apos;)</source>
        <translation>✗ {column}（不是“{name}”）</translation>
    </message>
    <message>
        <source>The routine&apos;s value is called &apos;{name}&apos;: column names must match exactly</source>
        <translation>流程中的值叫“{name}”：列名必须完全一致</translation>
    </message>
    <message>
        <source>{column} (not used)</source>
        <translation>{column}（未使用）</translation>
    </message>
    <message>
        <source>No value of the routine is called &apos;{name}&apos;: this column is not typed anywhere</source>
        <translation>流程中没有名为“{name}”的值：这一列不会被输入到任何地方</translation>
    </message>
    <message>
        <source>✓ {name} ← column &apos;{column}&apos;</source>
        <translation>✓ {name} ← 列“{column}”</translation>
    </message>
    <message>
        <source>✓ {name} ← the routine&apos;s default (no column)</source>
        <translation>✓ {name} ← 流程的默认值（没有对应的列）</translation>
    </message>
    <message>
        <source>✓ {name} ← a secret, asked once</source>
        <translation>✓ {name} ← 机密值，只询问一次</translation>
    </message>
    <message>
        <source>✗ {name} ← no column of that name (did you mean &apos;{column}&apos;? names must match exactly)</source>
        <translation>✗ {name} ← 没有这个名称的列（您是指“{column}”吗？名称必须完全一致）</translation>
    </message>
    <message>
        <source>✗ {name} ← no column of that name</source>
        <translation>✗ {name} ← 没有这个名称的列</translation>
    </message>
    <message>
        <source>{where} has no column for {names}: add the column to the data file, or give the value a default in the Variables panel.</source>
        <translation>{where} 中没有 {names} 对应的列：请在数据文件中添加该列，或在“变量”面板中为该值设置默认值。</translation>
    </message>
    <message>
        <source>{rows} rows in {where}. Results go beside the data file; running again resumes after the last finished row.</source>
        <translation>{where} 中共有 {rows} 行。结果保存在数据文件旁边；再次运行时从最后完成的一行之后继续。</translation>
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
        <source>when</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>time</source>
        <translation>用时</translation>
    </message>
    <message>
        <source>saved</source>
        <translation>节省</translation>
    </message>
    <message>
        <source>row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Double-click a run to see its report</source>
        <translation>双击一次运行即可查看其报告</translation>
    </message>
    <message>
        <source>Chart...</source>
        <translation>图表…</translation>
    </message>
    <message>
        <source>Hours saved and failures per week, for every recording; export as CSV</source>
        <translation>所有录制每周节省的小时数和失败次数；可导出为 CSV</translation>
    </message>
    <message>
        <source>{when}  {status}  {s:.1f} s</source>
        <translation>{when}  {status}  {s:.1f} 秒</translation>
    </message>
    <message>
        <source>{run}, saved {saved}</source>
        <translation>{run}，节省 {saved}</translation>
    </message>
    <message>
        <source>{week}: {runs} runs, {rows} data rows, {passed} done, {saved} saved</source>
        <translation>{week}：运行 {runs} 次，数据 {rows} 行，完成 {passed} 次，节省 {saved}</translation>
    </message>
    <message>
        <source>DeskPilot</source>
        <translation>DeskPilot</translation>
    </message>
    <message>
        <source>{run}  (row {n})</source>
        <translation>{run}（第 {n} 行）</translation>
    </message>
    <message>
        <source>{run}
report: {path}</source>
        <translation>{run}
报告：{path}</translation>
    </message>
    <message>
        <source>{done} of {n} rows done</source>
        <translation>已完成 {done}/{n} 行</translation>
    </message>
    <message>
        <source>{when}  data run: {result}, {failed} not done, {s:.1f} s</source>
        <translation>{when}  批量运行：{result}，{failed} 行未完成，{s:.1f} 秒</translation>
    </message>
    <message>
        <source>{n} rows</source>
        <translation>{n} 行</translation>
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
        <source>{name} — invalid: {error}</source>
        <translation>{name} — 无效：{error}</translation>
    </message>
    <message>
        <source>Click a recording to open it.</source>
        <translation>单击一个录制即可打开。</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>My recordings</source>
        <translation>我的录制</translation>
    </message>
    <message>
        <source>in {folder}</source>
        <translation>位于 {folder}</translation>
    </message>
    <message>
        <source>Nothing matches the search.</source>
        <translation>没有符合搜索的录制。</translation>
    </message>
    <message>
        <source>No recordings here yet: press Record to make the first one.</source>
        <translation>这里还没有录制：按“录制”来创建第一个。</translation>
    </message>
    <message>
        <source>{label}
{folder}
Click to open it.</source>
        <translation>{label}
{folder}
单击打开。</translation>
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
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Close recording</source>
        <translation>关闭录制</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
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
        <source>Run with data</source>
        <translation>批量运行</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
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
        <source>Record</source>
        <translation>录制</translation>
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
        <source>Sign this version...</source>
        <translation>为此版本签名…</translation>
    </message>
    <message>
        <source>Approve this version...</source>
        <translation>审批此版本…</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Insert a click</source>
        <translation>插入点击</translation>
    </message>
    <message>
        <source>Insert typing</source>
        <translation>插入文字输入</translation>
    </message>
    <message>
        <source>Insert a key press</source>
        <translation>插入按键</translation>
    </message>
    <message>
        <source>Insert a key combination</source>
        <translation>插入组合键</translation>
    </message>
    <message>
        <source>Insert a wait</source>
        <translation>插入等待</translation>
    </message>
    <message>
        <source>Insert a check</source>
        <translation>插入检查</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Step</source>
        <translation>步骤(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Main actions</source>
        <translation>主要操作</translation>
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
        <source>The library now shows {folder}.</source>
        <translation>录制库现在显示 {folder}。</translation>
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
    <name>NameDialog</name>
    <message>
        <source>Give the recording a name.</source>
        <translation>请给录制起个名称。</translation>
    </message>
    <message>
        <source>Use letters, digits, &apos;-&apos;, &apos;_&apos; and &apos;.&apos; only (not starting with &apos;.&apos;).</source>
        <translation>只能使用字母、数字、“-”、“_”和“.”（不能以“.”开头）。</translation>
    </message>
    <message>
        <source>{name} already exists in the library: choose another name.</source>
        <translation>录制库中已有 {name}：请换一个名称。</translation>
    </message>
    <message>
        <source>New recording</source>
        <translation>新录制</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>录制</translation>
    </message>
    <message>
        <source>What is the routine called? Use a short name, e.g. enter-claims.</source>
        <translation>这个流程叫什么？请用一个简短的名称，例如 enter-claims。</translation>
    </message>
</context>
<context>
    <name>NewVariableDialog</name>
    <message>
        <source>New variable</source>
        <translation>新建变量</translation>
    </message>
    <message>
        <source>e.g. customer_id</source>
        <translation>例如 customer_id</translation>
    </message>
    <message>
        <source>what a run types when nothing else is given</source>
        <translation>无其他值时输入此值</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认值</translation>
    </message>
    <message>
        <source>Give the variable a name.</source>
        <translation>请给变量起个名称。</translation>
    </message>
    <message>
        <source>A name is letters, digits and _, and starts with a letter (customer_id, 金额).</source>
        <translation>名称由字母、数字和 _ 组成，并以字母开头（例如 customer_id、金额）。</translation>
    </message>
    <message>
        <source>There is a variable &apos;{name}&apos; already.</source>
        <translation>已有名为“{name}”的变量。</translation>
    </message>
</context>
<context>
    <name>PlainWords</name>
    <message>
        <source>add the column(s) to the data file, or give the variable a default in the Variables panel</source>
        <translation>请在数据文件中添加相应的列，或在“变量”面板中为该变量设置默认值</translation>
    </message>
    <message>
        <source>give it a default in the Variables panel</source>
        <translation>请在“变量”面板中为它设置默认值</translation>
    </message>
    <message>
        <source>choose either some rows or a first row, not both</source>
        <translation>“指定行”和“起始行”只能选一个</translation>
    </message>
    <message>
        <source>play the row again (Rows: these rows, \1)</source>
        <translation>重新运行该行（行范围：指定行，\1）</translation>
    </message>
    <message>
        <source>Rows &apos;\1&apos;</source>
        <translation>行范围“\1”</translation>
    </message>
    <message>
        <source>From row \1</source>
        <translation>起始行 \1</translation>
    </message>
    <message>
        <source>chooses them under Rows</source>
        <translation>在“行范围”中选择</translation>
    </message>
    <message>
        <source>move it away or rename it</source>
        <translation>请把它移走或重命名</translation>
    </message>
    <message>
        <source>name it .csv or .xlsx</source>
        <translation>请将它命名为 .csv 或 .xlsx</translation>
    </message>
    <message>
        <source>choose one of them under Sheet</source>
        <translation>请在“工作表”中选择其中一个</translation>
    </message>
    <message>
        <source>a sheet (&apos;\1&apos;) only applies to .xlsx files; leave Sheet empty for a CSV file</source>
        <translation>工作表（“\1”）只适用于 .xlsx 文件；CSV 文件请将“工作表”留空</translation>
    </message>
    <message>
        <source>or enter it when the run asks for it</source>
        <translation>或在运行询问时输入</translation>
    </message>
    <message>
        <source>a value for &apos;\1&apos; in the Variables panel</source>
        <translation>在“变量”面板中为“\1”设置的值</translation>
    </message>
    <message>
        <source>the recorded point as a last resort</source>
        <translation>录制时的位置（作为最后的办法）</translation>
    </message>
    <message>
        <source>what this step looks for</source>
        <translation>此步骤要查找的内容</translation>
    </message>
    <message>
        <source>Fix that in the application, then press Run again.</source>
        <translation>请在应用程序中改正，然后再按“运行”。</translation>
    </message>
    <message>
        <source>The run stopped: the mouse was pushed into a screen corner (the emergency stop).</source>
        <translation>运行已停止：鼠标被推到了屏幕角落（紧急停止）。</translation>
    </message>
    <message>
        <source>Press Run again when you are ready.</source>
        <translation>准备好后再按“运行”。</translation>
    </message>
    <message>
        <source>You stopped the run.</source>
        <translation>您停止了运行。</translation>
    </message>
    <message>
        <source>Press Run again to start it from the beginning.</source>
        <translation>再按“运行”即可从头开始。</translation>
    </message>
    <message>
        <source>Another window, &apos;{window}&apos;, is in front of {thing}.</source>
        <translation>另一个窗口“{window}”挡在了{thing}前面。</translation>
    </message>
    <message>
        <source>Move that window or close it, then press Run again.</source>
        <translation>请移开或关闭该窗口，然后再按“运行”。</translation>
    </message>
    <message>
        <source>The window &apos;{window}&apos; did not open.</source>
        <translation>窗口“{window}”没有打开。</translation>
    </message>
    <message>
        <source>Check in the application that the step before it worked, then press Run again.</source>
        <translation>请在应用程序中检查上一步是否成功，然后再按“运行”。</translation>
    </message>
    <message>
        <source>The window &apos;{window}&apos; that this step needs is not open.</source>
        <translation>此步骤需要的窗口“{window}”没有打开。</translation>
    </message>
    <message>
        <source>Open it in the application as it was when you recorded, then press Run again.</source>
        <translation>请在应用程序中像录制时那样打开它，然后再按“运行”。</translation>
    </message>
    <message>
        <source>The application did not confirm that it saved: {thing} did not appear after the last step.</source>
        <translation>应用程序没有确认已保存：最后一步之后没有出现{thing}。</translation>
    </message>
    <message>
        <source>Look in the application whether the entry was saved before you run it again.</source>
        <translation>再次运行之前，请在应用程序中查看这条记录是否已保存。</translation>
    </message>
    <message>
        <source>The field stayed empty after typing {typed}.</source>
        <translation>输入{typed}之后，输入框仍然是空的。</translation>
    </message>
    <message>
        <source>The field did not hold what was typed: it shows {seen} instead of {typed}.</source>
        <translation>输入框中不是输入的内容：显示的是{seen}，而不是{typed}。</translation>
    </message>
    <message>
        <source>Check that the click before it goes into the right field (Find now shows where), then press Run again.</source>
        <translation>请检查上一步的点击是否落在正确的输入框中（“立即查找”会显示位置），然后再按“运行”。</translation>
    </message>
    <message>
        <source>The field already held text that could not be emptied before typing.</source>
        <translation>输入框中原有的文字在输入之前无法清空。</translation>
    </message>
    <message>
        <source>Empty it in a step before, or let the step type after what the field holds.</source>
        <translation>请在前面的步骤中清空它，或让此步骤接在原有内容之后输入。</translation>
    </message>
    <message>
        <source>There is no text field where {thing} should be: the pointer shows no text cursor there.</source>
        <translation>{thing}应在的位置没有文本输入框：鼠标指针在那里没有变成文本光标。</translation>
    </message>
    <message>
        <source>Press Find now to see what is there, and re-pick the field.</source>
        <translation>请按“立即查找”看看那里有什么，然后重新选取输入框。</translation>
    </message>
    <message>
        <source>Something like {thing} is on the screen, but not where its window puts it, so DeskPilot did not click a guess.</source>
        <translation>屏幕上有类似{thing}的内容，但不在其窗口中应在的位置，因此 DeskPilot 没有凭猜测点击。</translation>
    </message>
    <message>
        <source>Press Find now to see the places, and re-pick the right one.</source>
        <translation>请按“立即查找”查看这些位置，然后重新选取正确的那个。</translation>
    </message>
    <message>
        <source>{thing} is on the screen in more than one place that fits equally well, so DeskPilot did not guess.</source>
        <translation>屏幕上有多个同样符合{thing}的位置，因此 DeskPilot 没有猜测。</translation>
    </message>
    <message>
        <source>The check failed: {thing} was not on the screen.</source>
        <translation>检查失败：屏幕上没有{thing}。</translation>
    </message>
    <message>
        <source>{thing} was still on the screen after {s} s.</source>
        <translation>{s} 秒后{thing}仍在屏幕上。</translation>
    </message>
    <message>
        <source>{thing} did not appear within {s} s.</source>
        <translation>{thing}在 {s} 秒内没有出现。</translation>
    </message>
    <message>
        <source>{thing} was not on the screen within {s} s.</source>
        <translation>{s} 秒内屏幕上没有出现{thing}。</translation>
    </message>
    <message>
        <source>The closest it saw was {text} ({n} % alike).</source>
        <translation>最接近的是{text}（相似度 {n}%）。</translation>
    </message>
    <message>
        <source>Check that the application shows it, or press Find now to look for it on the screen.</source>
        <translation>请检查应用程序是否显示了它，或按“立即查找”在屏幕上找找看。</translation>
    </message>
    <message>
        <source>Look at the picture and the report for what the screen showed.</source>
        <translation>请查看图片和报告，了解当时屏幕上显示的内容。</translation>
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
        <source>Starting ...</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>{n} steps</source>
        <translation>{n} 个步骤</translation>
    </message>
    <message>
        <source>Stop: {stop} · Pause: {pause}</source>
        <translation>停止：{stop} · 暂停：{pause}</translation>
    </message>
    <message>
        <source>These keys work in any window while recording (Settings changes them)</source>
        <translation>录制时这些按键在任何窗口中都有效（可在“设置”中更改）</translation>
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
        <source>Recording</source>
        <translation>正在录制</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Finishing the last steps ...</source>
        <translation>正在完成最后的步骤…</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Recorded as a step as soon as DeskPilot knows what follows it</source>
        <translation>DeskPilot 一知道后面的操作，就会把它记为一个步骤</translation>
    </message>
    <message>
        <source>Click at ({at})</source>
        <translation>在 ({at}) 处点击</translation>
    </message>
    <message>
        <source>Double-click at ({at})</source>
        <translation>在 ({at}) 处双击</translation>
    </message>
    <message>
        <source>Typing</source>
        <translation>正在输入</translation>
    </message>
    <message>
        <source>Press {key}</source>
        <translation>按 {key} 键</translation>
    </message>
    <message>
        <source>Press {key} ×{n}</source>
        <translation>按 {key} 键 ×{n}</translation>
    </message>
    <message>
        <source>  …  {what} (being recorded)</source>
        <translation>  …  {what}（正在录制）</translation>
    </message>
    <message>
        <source>  ✓  Final check: {step} (the application&apos;s confirmation)</source>
        <translation>  ✓  最后检查：{step}（应用程序的确认）</translation>
    </message>
    <message>
        <source>  !  No confirmation was seen after the last action: runs will say &quot;entered, not confirmed&quot;</source>
        <translation>  !  最后一个操作之后没有看到确认：运行结果将显示“已录入，未确认”</translation>
    </message>
    <message>
        <source>it ends by checking: {step}</source>
        <translation>最后检查：{step}</translation>
    </message>
    <message>
        <source>no confirmation was seen after the last action, so runs will say &quot;entered, not confirmed&quot;</source>
        <translation>最后一个操作之后没有看到确认，因此运行结果将显示“已录入，未确认”</translation>
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
    <name>ReportView</name>
    <message>
        <source>Run report</source>
        <translation>运行报告</translation>
    </message>
    <message>
        <source>Report: {path}</source>
        <translation>报告：{path}</translation>
    </message>
    <message>
        <source>This report is no longer there: reports are kept for 30 days, then removed.</source>
        <translation>此报告已不存在：报告保留 30 天后会被删除。</translation>
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
    <message>
        <source>Only a step that types a plain value can make it a variable</source>
        <translation>只有输入普通值的步骤才能把该值设为变量</translation>
    </message>
    <message>
        <source>A variable&apos;s name is letters, digits and _, and starts with a letter: not &apos;{name}&apos;</source>
        <translation>变量名由字母、数字和 _ 组成，并以字母开头：“{name}”不符合</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is a secret: choose another name</source>
        <translation>“{name}”是机密值：请换一个名称</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is already a variable, with the default &apos;{value}&apos;: choose another name</source>
        <translation>“{name}”已经是变量，默认值为“{value}”：请换一个名称</translation>
    </message>
    <message>
        <source>Steps already use &apos;{name}&apos; for another value: choose another name</source>
        <translation>已有步骤把“{name}”用于另一个值：请换一个名称</translation>
    </message>
    <message>
        <source>make step {n}&apos;s value the variable {name}</source>
        <translation>将第 {n} 步的值设为变量 {name}</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is used by step {steps}</source>
        <translation>第 {steps} 步正在使用“{name}”</translation>
    </message>
    <message>
        <source>remove variable {name}</source>
        <translation>删除变量 {name}</translation>
    </message>
</context>
<context>
    <name>RunBar</name>
    <message>
        <source>DeskPilot run</source>
        <translation>DeskPilot 正在运行</translation>
    </message>
    <message>
        <source>Playing {name}</source>
        <translation>正在运行 {name}</translation>
    </message>
    <message>
        <source>Starting ...</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>%v of %m steps</source>
        <translation>%v/%m 步</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Pause before the next step; Resume goes on from there</source>
        <translation>在下一步之前暂停；按“继续”从那里接着运行</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the run now (pushing the mouse into a screen corner stops it too)</source>
        <translation>立即停止运行（把鼠标推到屏幕角落也能停止）</translation>
    </message>
    <message>
        <source>%v of %m rows</source>
        <translation>%v/%m 行</translation>
    </message>
    <message>
        <source>Step {n} of {total}</source>
        <translation>第 {n} 步，共 {total} 步</translation>
    </message>
    <message>
        <source>Step {n} of {total} failed</source>
        <translation>第 {n} 步失败（共 {total} 步）</translation>
    </message>
    <message>
        <source>Paused before step {n} of {total}</source>
        <translation>已在第 {n} 步之前暂停（共 {total} 步）</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Pausing before the next step ...</source>
        <translation>将在下一步之前暂停…</translation>
    </message>
    <message>
        <source>Stopping ...</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Row {r} of {total} (data row {n}, try {a})</source>
        <translation>第 {r} 行，共 {total} 行（数据第 {n} 行，第 {a} 次尝试）</translation>
    </message>
    <message>
        <source>Row {r} of {total} (data row {n})</source>
        <translation>第 {r} 行，共 {total} 行（数据第 {n} 行）</translation>
    </message>
    <message>
        <source>{d} of {t} rows · {f} failed</source>
        <translation>已完成 {d}/{t} 行 · 失败 {f} 行</translation>
    </message>
    <message>
        <source>{d} of {t} rows · {f} failed · {r:.1f} rows/min · {m}:{s:02d} left</source>
        <translation>已完成 {d}/{t} 行 · 失败 {f} 行 · 每分钟 {r:.1f} 行 · 剩余 {m}:{s:02d}</translation>
    </message>
    <message>
        <source>{mark} row {n}  {status}  {s:.1f} s</source>
        <translation>{mark} 第 {n} 行  {status}  {s:.1f} 秒</translation>
    </message>
    <message>
        <source>{line}: {why}</source>
        <translation>{line}：{why}</translation>
    </message>
    <message>
        <source>entered, not confirmed</source>
        <translation>已录入，未确认</translation>
    </message>
    <message>
        <source>uncertain: check the application</source>
        <translation>不确定：请检查应用程序</translation>
    </message>
</context>
<context>
    <name>RunControl</name>
    <message>
        <source>Give the new recording a name first</source>
        <translation>请先为新录制输入名称</translation>
    </message>
    <message>
        <source>Cannot record</source>
        <translation>无法录制</translation>
    </message>
    <message>
        <source>Recorded {path}: {n} steps; {check}</source>
        <translation>已录制 {path}：{n} 个步骤；{check}</translation>
    </message>
    <message>
        <source>Save first</source>
        <translation>请先保存</translation>
    </message>
    <message>
        <source>The team policy runs approved versions only, and this window holds edits that are not saved: they are no approved version. Save them and have the version signed and approved, or undo them.</source>
        <translation>团队策略只运行已批准的版本，而此窗口中有尚未保存的修改：它们不属于任何已批准的版本。请保存修改并让该版本经过签名和批准，或者撤销这些修改。</translation>
    </message>
    <message>
        <source>Paused before step {n}: F6 or Resume goes on, Esc or Stop stops</source>
        <translation>已在第 {n} 步之前暂停：按 F6 或“继续”接着运行，按 Esc 或“停止”停止</translation>
    </message>
    <message>
        <source>Run {status} in {s:.1f} s at step {n}: {why}</source>
        <translation>运行{status}，用时 {s:.1f} 秒，在第 {n} 步：{why}</translation>
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
    <name>RunResultDialog</name>
    <message>
        <source>Run result</source>
        <translation>运行结果</translation>
    </message>
    <message>
        <source>Open report</source>
        <translation>打开报告</translation>
    </message>
    <message>
        <source>Find now</source>
        <translation>立即查找</translation>
    </message>
    <message>
        <source>Look for this step&apos;s target on the screen now, with every place it finds</source>
        <translation>立即在屏幕上查找此步骤的目标，并显示找到的每个位置</translation>
    </message>
    <message>
        <source>Run again</source>
        <translation>再次运行</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Entered, not confirmed</source>
        <translation>已录入，未确认</translation>
    </message>
    <message>
        <source>Every step ran, but nothing showed that the application saved it: the recording has no final check of what the application shows when it has saved.</source>
        <translation>每个步骤都已运行，但没有迹象表明应用程序已保存：此录制最后没有检查应用程序保存后显示的内容。</translation>
    </message>
    <message>
        <source>✓ Passed</source>
        <translation>✓ 通过</translation>
    </message>
    <message>
        <source>Stopped at step {n} of {total}</source>
        <translation>已在第 {n} 步停止（共 {total} 步）</translation>
    </message>
    <message>
        <source>✗ Failed at step {n} of {total}</source>
        <translation>✗ 第 {n} 步失败（共 {total} 步）</translation>
    </message>
    <message>
        <source>, saved {t}</source>
        <translation>，节省 {t}</translation>
    </message>
    <message>
        <source>{name} · {s:.1f} s{saved}</source>
        <translation>{name} · {s:.1f} 秒{saved}</translation>
    </message>
    <message>
        <source>✓ Step {n} passed</source>
        <translation>✓ 第 {n} 步通过</translation>
    </message>
    <message>
        <source>✓ Steps {first} to {last} passed</source>
        <translation>✓ 第 {first} 至 {last} 步通过</translation>
    </message>
    <message>
        <source>{mark} {n}  {step}  ({status}, {s:.1f} s)</source>
        <translation>{mark} {n}  {step}（{status}，{s:.1f} 秒）</translation>
    </message>
    <message>
        <source>{mark} {n}  {step}  ({status})</source>
        <translation>{mark} {n}  {step}（{status}）</translation>
    </message>
    <message>
        <source>Stopped at row {n}</source>
        <translation>已在第 {n} 行停止</translation>
    </message>
    <message>
        <source>✗ {done} of {total} rows done, {failed} failed</source>
        <translation>✗ 已完成 {done}/{total} 行，失败 {failed} 行</translation>
    </message>
    <message>
        <source>✓ {done} of {total} rows done</source>
        <translation>✓ 已完成 {done}/{total} 行</translation>
    </message>
    <message>
        <source>{name} · {s:.1f} s · results in {path}</source>
        <translation>{name} · {s:.1f} 秒 · 结果保存在 {path}</translation>
    </message>
    <message>
        <source>{n} rows were entered, but nothing showed that the application saved them.</source>
        <translation>已录入 {n} 行，但没有迹象表明应用程序已保存。</translation>
    </message>
    <message>
        <source>Step {n}: {step}</source>
        <translation>第 {n} 步：{step}</translation>
    </message>
    <message>
        <source>No picture was taken for this step.</source>
        <translation>此步骤没有截图。</translation>
    </message>
    <message>
        <source>The picture {path} is no longer there.</source>
        <translation>图片 {path} 已不存在。</translation>
    </message>
    <message>
        <source>Grey: where DeskPilot looked; orange: what came close, with its score; red: where it would have clicked.</source>
        <translation>灰色：DeskPilot 查找的区域；橙色：接近的结果及其得分；红色：本来要点击的位置。</translation>
    </message>
    <message>
        <source>The screen showed nothing of the application when the step failed: its window was closed or hidden.</source>
        <translation>此步骤失败时，屏幕上没有应用程序的任何内容：它的窗口已关闭或被隐藏。</translation>
    </message>
    <message>
        <source>{legend}
Picture: {path}</source>
        <translation>{legend}
图片：{path}</translation>
    </message>
</context>
<context>
    <name>Sentences</name>
    <message>
        <source>the {name} (secret)</source>
        <translation>机密值 {name}</translation>
    </message>
    <message>
        <source>the {name}</source>
        <translation>变量 {name}</translation>
    </message>
    <message>
        <source>[{name}, secret]</source>
        <translation>[{name}，机密]</translation>
    </message>
    <message>
        <source>[{name}]</source>
        <translation>[{name}]</translation>
    </message>
    <message>
        <source>&apos;{text}&apos;</source>
        <translation>“{text}”</translation>
    </message>
    <message>
        <source>&apos;••••&apos; (it looks like an account or card number)</source>
        <translation>“••••”（看起来像账号或卡号）</translation>
    </message>
    <message>
        <source>{a} and {b}</source>
        <translation>{a}和{b}</translation>
    </message>
    <message>
        <source>{a}, {b}</source>
        <translation>{a}、{b}</translation>
    </message>
    <message>
        <source>{a}, and {b}</source>
        <translation>{a}和{b}</translation>
    </message>
    <message>
        <source>the field &apos;{name}&apos;</source>
        <translation>“{name}”输入框</translation>
    </message>
    <message>
        <source>&apos;{name}&apos;</source>
        <translation>“{name}”</translation>
    </message>
    <message>
        <source>right of &apos;{name}&apos;</source>
        <translation>“{name}”右侧</translation>
    </message>
    <message>
        <source>left of &apos;{name}&apos;</source>
        <translation>“{name}”左侧</translation>
    </message>
    <message>
        <source>below &apos;{name}&apos;</source>
        <translation>“{name}”下方</translation>
    </message>
    <message>
        <source>above &apos;{name}&apos;</source>
        <translation>“{name}”上方</translation>
    </message>
    <message>
        <source>the recorded picture</source>
        <translation>录制的图片</translation>
    </message>
    <message>
        <source>the window &apos;{title}&apos;</source>
        <translation>窗口“{title}”</translation>
    </message>
    <message>
        <source>the point ({x}, {y}) of the screen</source>
        <translation>屏幕上的 ({x}, {y}) 处</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>（无目标）</translation>
    </message>
    <message>
        <source>the {role} the application calls &apos;{name}&apos;</source>
        <translation>应用程序中名为“{name}”的控件（{role}）</translation>
    </message>
    <message>
        <source>its text &apos;{text}&apos;</source>
        <translation>它的文字“{text}”</translation>
    </message>
    <message>
        <source>the field labelled &apos;{text}&apos;</source>
        <translation>标签为“{text}”的输入框</translation>
    </message>
    <message>
        <source>the text &apos;{text}&apos; to its right</source>
        <translation>它右侧的文字“{text}”</translation>
    </message>
    <message>
        <source>the text &apos;{text}&apos; above it</source>
        <translation>它上方的文字“{text}”</translation>
    </message>
    <message>
        <source>the text &apos;{text}&apos; below it</source>
        <translation>它下方的文字“{text}”</translation>
    </message>
    <message>
        <source>its picture</source>
        <translation>它的图片</translation>
    </message>
    <message>
        <source>its place in &apos;{title}&apos;</source>
        <translation>它在“{title}”中的位置</translation>
    </message>
    <message>
        <source>This step has no target.</source>
        <translation>此步骤没有目标。</translation>
    </message>
    <message>
        <source>Found only by its place on the screen, ({x}, {y}): pick it again to make it reliable.</source>
        <translation>只能靠屏幕上的位置 ({x}, {y}) 找到：请重新选取，让它更可靠。</translation>
    </message>
    <message>
        <source>Found by {anchors}.</source>
        <translation>查找依据：{anchors}。</translation>
    </message>
    <message>
        <source>Press {key} {n} times</source>
        <translation>按 {key} 键 {n} 次</translation>
    </message>
    <message>
        <source>Press {key}</source>
        <translation>按 {key} 键</translation>
    </message>
    <message>
        <source>Press {keys}</source>
        <translation>按 {keys}</translation>
    </message>
    <message>
        <source>Read the number at {where} and keep it as {into}</source>
        <translation>读取{where}的数字，存为{into}</translation>
    </message>
    <message>
        <source>Read the date at {where} and keep it as {into}</source>
        <translation>读取{where}的日期，存为{into}</translation>
    </message>
    <message>
        <source>Read the text at {where} and keep it as {into}</source>
        <translation>读取{where}的文字，存为{into}</translation>
    </message>
    <message>
        <source>Read the table at {where} ({columns}) and keep it as {into}</source>
        <translation>读取{where}的表格（{columns}），存为{into}</translation>
    </message>
    <message>
        <source>If {what} shows: {step}</source>
        <translation>如果出现{what}：{step}</translation>
    </message>
    <message>
        <source>If {what} shows, do the {n} steps inside</source>
        <translation>如果出现{what}，执行其中的 {n} 个步骤</translation>
    </message>
    <message>
        <source>Drag {source} to {dest}</source>
        <translation>将{source}拖到{dest}</translation>
    </message>
    <message>
        <source>Click {what}</source>
        <translation>点击{what}</translation>
    </message>
    <message>
        <source>Double-click {what}</source>
        <translation>双击{what}</translation>
    </message>
    <message>
        <source>Triple-click {what}</source>
        <translation>三击{what}</translation>
    </message>
    <message>
        <source>Right-click {what}</source>
        <translation>右键点击{what}</translation>
    </message>
    <message>
        <source>Double-click {what} with the right button</source>
        <translation>右键双击{what}</translation>
    </message>
    <message>
        <source>Middle-click {what}</source>
        <translation>中键点击{what}</translation>
    </message>
    <message>
        <source>Click {what} {n} times with the {button} button</source>
        <translation>用 {button} 键点击{what} {n} 次</translation>
    </message>
    <message>
        <source>{action} while holding {keys}</source>
        <translation>按住 {keys} 的同时{action}</translation>
    </message>
    <message>
        <source>Type {what} at the end of &apos;{field}&apos;</source>
        <translation>在“{field}”的末尾输入{what}</translation>
    </message>
    <message>
        <source>Type {what} into &apos;{field}&apos;</source>
        <translation>在“{field}”中输入{what}</translation>
    </message>
    <message>
        <source>Type {what} after what the field holds</source>
        <translation>在输入框原有内容之后输入{what}</translation>
    </message>
    <message>
        <source>Type {what}</source>
        <translation>输入{what}</translation>
    </message>
    <message>
        <source>enabled</source>
        <translation>可用</translation>
    </message>
    <message>
        <source>showing</source>
        <translation>可见</translation>
    </message>
    <message>
        <source>focused</source>
        <translation>获得焦点</translation>
    </message>
    <message>
        <source>checked</source>
        <translation>已勾选</translation>
    </message>
    <message>
        <source>selected</source>
        <translation>已选中</translation>
    </message>
    <message>
        <source>editable</source>
        <translation>可编辑</translation>
    </message>
    <message>
        <source>Wait until {what} is {state}</source>
        <translation>等待{what}变为{state}</translation>
    </message>
    <message>
        <source>Wait until {what} is gone</source>
        <translation>等待{what}消失</translation>
    </message>
    <message>
        <source>Wait until {what} shows</source>
        <translation>等待{what}出现</translation>
    </message>
    <message>
        <source>Check that {what} is not there</source>
        <translation>检查{what}不存在</translation>
    </message>
    <message>
        <source>Check that {what} shows</source>
        <translation>检查{what}已显示</translation>
    </message>
    <message>
        <source>the text at {where}</source>
        <translation>{where}的文字</translation>
    </message>
    <message>
        <source>Check that {what} equals {expected} (± {tolerance})</source>
        <translation>检查{what}等于{expected}（± {tolerance}）</translation>
    </message>
    <message>
        <source>Check that {what} is {expected}</source>
        <translation>检查{what}为{expected}</translation>
    </message>
    <message>
        <source>Check that {what} contains {expected}</source>
        <translation>检查{what}包含{expected}</translation>
    </message>
    <message>
        <source>Check that {what} matches the pattern {expected}</source>
        <translation>检查{what}符合模式{expected}</translation>
    </message>
    <message>
        <source>Check that {what} equals {expected} as a number</source>
        <translation>检查{what}按数值等于{expected}</translation>
    </message>
    <message>
        <source>Run the recording &apos;{name}&apos;</source>
        <translation>运行录制“{name}”</translation>
    </message>
    <message>
        <source>{name} = {value}</source>
        <translation>{name} = {value}</translation>
    </message>
    <message>
        <source>Run the recording &apos;{name}&apos; with {values}</source>
        <translation>运行录制“{name}”，使用 {values}</translation>
    </message>
    <message>
        <source>Scroll up by {n}</source>
        <translation>向上滚动 {n} 格</translation>
    </message>
    <message>
        <source>Scroll down by {n}</source>
        <translation>向下滚动 {n} 格</translation>
    </message>
    <message>
        <source>Scroll up by {n} over {what}</source>
        <translation>在{what}上向上滚动 {n} 格</translation>
    </message>
    <message>
        <source>Scroll down by {n} over {what}</source>
        <translation>在{what}上向下滚动 {n} 格</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
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
        <source>The folder whose recordings the window lists; new recordings go there</source>
        <translation>窗口列出其中录制的文件夹；新录制也保存在这里</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>This window was started with another folder than the usual one ({usual}). OK with a folder changed here makes it the usual one.</source>
        <translation>此窗口启动时使用的文件夹不是平常的那个（{usual}）。在这里更改文件夹并按“确定”，它就成为平常使用的文件夹。</translation>
    </message>
    <message>
        <source>The languages OCR reads on the screen; tick every language your applications show</source>
        <translation>OCR 在屏幕上识别的语言；请勾选您的应用程序显示的每种语言</translation>
    </message>
    <message>
        <source>{name} (not installed)</source>
        <translation>{name}（未安装）</translation>
    </message>
    <message>
        <source>Tesseract OCR is not installed, so no language can be read: sudo apt-get install tesseract-ocr tesseract-ocr-eng</source>
        <translation>未安装 Tesseract OCR，无法识别任何语言：sudo apt-get install tesseract-ocr tesseract-ocr-eng</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英语</translation>
    </message>
    <message>
        <source>Chinese, simplified</source>
        <translation>简体中文</translation>
    </message>
    <message>
        <source>Chinese, traditional</source>
        <translation>繁体中文</translation>
    </message>
    <message>
        <source>German</source>
        <translation>德语</translation>
    </message>
    <message>
        <source>French</source>
        <translation>法语</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>西班牙语</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>意大利语</translation>
    </message>
    <message>
        <source>Portuguese</source>
        <translation>葡萄牙语</translation>
    </message>
    <message>
        <source>Dutch</source>
        <translation>荷兰语</translation>
    </message>
    <message>
        <source>Polish</source>
        <translation>波兰语</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>俄语</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>日语</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>韩语</translation>
    </message>
    <message>
        <source>Turkish</source>
        <translation>土耳其语</translation>
    </message>
    <message>
        <source>The recordings folder</source>
        <translation>录制文件夹</translation>
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
    <name>StartPanel</name>
    <message>
        <source>Name of a new recording</source>
        <translation>新录制的名称</translation>
    </message>
    <message>
        <source>A short name, e.g. enter-claims: letters, digits, - and _</source>
        <translation>简短的名称，例如 enter-claims：字母、数字、- 和 _</translation>
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
        <source>Your recordings will be listed here.</source>
        <translation>您的录制会列在这里。</translation>
    </message>
    <message>
        <source>Start here</source>
        <translation>从这里开始</translation>
    </message>
    <message>
        <source>Do a routine once while DeskPilot records it; then it can do it for you, as often as you like.</source>
        <translation>在 DeskPilot 录制时把流程做一遍；之后它就能替您做，想做多少次都行。</translation>
    </message>
    <message>
        <source>Recent recordings</source>
        <translation>最近的录制</translation>
    </message>
    <message>
        <source>Examples to try</source>
        <translation>可以试试的示例</translation>
    </message>
    <message>
        <source>One click opens a recording: its steps, ready to play or change.</source>
        <translation>单击即可打开录制：显示其步骤，可直接运行或修改。</translation>
    </message>
    <message>
        <source>Name it</source>
        <translation>起个名称</translation>
    </message>
    <message>
        <source>Type a short name for the routine.</source>
        <translation>为流程输入一个简短的名称。</translation>
    </message>
    <message>
        <source>Press the red button. This window steps aside.</source>
        <translation>按下红色按钮，此窗口会自动让开。</translation>
    </message>
    <message>
        <source>Do the task once</source>
        <translation>把任务做一遍</translation>
    </message>
    <message>
        <source>Work in your application as you always do.</source>
        <translation>像平常一样在您的应用程序中操作。</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Press Stop on the small bar. Your steps appear here.</source>
        <translation>按小工具条上的“停止”。您的步骤会显示在这里。</translation>
    </message>
    <message>
        <source>To stop, press Stop on the small bar or the keys {keys}.</source>
        <translation>要停止，请按小工具条上的“停止”或按键 {keys}。</translation>
    </message>
    <message>
        <source>Click to open {path}</source>
        <translation>单击打开 {path}</translation>
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
        <source>Make this a variable</source>
        <translation>设为变量</translation>
    </message>
    <message>
        <source>Type a variable here instead of the recorded value: a data file&apos;s column or the Variables panel then gives it; the recorded value stays its default</source>
        <translation>在这里输入变量，而不是录制的值：该值由数据文件的列或“变量”面板提供；录制的值作为它的默认值</translation>
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
        <source>Only a step that types a plain value can make it a variable</source>
        <translation>只有输入普通值的步骤才能把该值设为变量</translation>
    </message>
    <message>
        <source>Step {n} now types the variable {name}; its default is the recorded value</source>
        <translation>第 {n} 步现在输入变量 {name}；它的默认值是录制的值</translation>
    </message>
    <message>
        <source>The step types “{value}”. Name of the variable (“{value}” stays its default):</source>
        <translation>此步骤输入“{value}”。变量名称（“{value}”作为它的默认值）：</translation>
    </message>
    <message>
        <source>Make this a variable…</source>
        <translation>设为变量…</translation>
    </message>
    <message>
        <source>Types the secret {name}: it is never saved in the routine</source>
        <translation>输入机密值 {name}：它不会保存在流程中</translation>
    </message>
    <message>
        <source>Types the variable {name}; its default is “{value}” (Variables panel)</source>
        <translation>输入变量 {name}；它的默认值是“{value}”（“变量”面板）</translation>
    </message>
    <message>
        <source>Types the variable {name}; it has no default: a run asks for it</source>
        <translation>输入变量 {name}；它没有默认值：运行时会询问</translation>
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
        <source>result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>The step&apos;s number and kind</source>
        <translation>步骤的编号和类型</translation>
    </message>
    <message>
        <source>What the step does</source>
        <translation>步骤要做什么</translation>
    </message>
    <message>
        <source>What the step acts on, as it looked, and how surely it is found</source>
        <translation>步骤操作的对象、它录制时的样子，以及找到它的把握</translation>
    </message>
    <message>
        <source>The last run: ✓ done, ✗ failed, and the seconds it took</source>
        <translation>上次运行：✓ 完成，✗ 失败，以及所用的秒数</translation>
    </message>
    <message>
        <source>{mark} {s:.1f} s</source>
        <translation>{mark} {s:.1f} 秒</translation>
    </message>
    <message>
        <source>strong</source>
        <translation>可靠</translation>
    </message>
    <message>
        <source>⚠ weak</source>
        <translation>⚠ 不可靠</translation>
    </message>
    <message>
        <source>Step {n}: {kind}</source>
        <translation>第 {n} 步：{kind}</translation>
    </message>
    <message>
        <source>Types: {text}</source>
        <translation>输入：{text}</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>备注：{note}</translation>
    </message>
    <message>
        <source>Weak: {why}</source>
        <translation>不可靠：{why}</translation>
    </message>
    <message>
        <source>Weak: only its place finds it; pick it again on the screen</source>
        <translation>不可靠：只能靠位置找到它；请在屏幕上重新选取</translation>
    </message>
</context>
<context>
    <name>TimeChart</name>
    <message>
        <source>Hours saved per week</source>
        <translation>每周节省的小时数</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>小时</translation>
    </message>
    <message>
        <source>Failures per week</source>
        <translation>每周失败次数</translation>
    </message>
    <message>
        <source>failures</source>
        <translation>失败次数</translation>
    </message>
    <message>
        <source>No runs in the last {n} weeks yet: the chart fills as recordings are played.</source>
        <translation>最近 {n} 周还没有运行：运行录制后，图表会逐渐填满。</translation>
    </message>
</context>
<context>
    <name>TimeChartDialog</name>
    <message>
        <source>Time saved</source>
        <translation>节省时间</translation>
    </message>
    <message>
        <source>Manual time (the routine&apos;s manual_seconds) minus the run&apos;s time, for each run and data row the application confirmed, per ISO week; the last {n} weeks.</source>
        <translation>人工用时（流程的 manual_seconds）减去运行用时，统计应用程序确认过的每次运行和每个数据行，按 ISO 周汇总；显示最近 {n} 周。</translation>
    </message>
    <message>
        <source>Export CSV...</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Export the time saved</source>
        <translation>导出节省时间</translation>
    </message>
    <message>
        <source>time-saved.csv</source>
        <translation>节省时间.csv</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
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
        <source>Double-click a default to change it</source>
        <translation>双击默认值即可修改</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Add a variable: a name and its default</source>
        <translation>添加变量：名称及其默认值</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Remove the selected variable (only when no step uses it)</source>
        <translation>删除所选变量（仅当没有步骤使用它时）</translation>
    </message>
    <message>
        <source>No variables yet. Press Add, or choose “Make this a variable” on a step that types a value.</source>
        <translation>还没有变量。请按“添加”，或在输入值的步骤上选择“设为变量”。</translation>
    </message>
    <message>
        <source>A secret: set it in the keyring or DESKPILOT_SECRET_{n}</source>
        <translation>机密值：请在密钥环或 DESKPILOT_SECRET_{n} 中设置</translation>
    </message>
    <message>
        <source>No default: a run asks for it, or a data file&apos;s column gives it</source>
        <translation>没有默认值：运行时会询问，或由数据文件的列提供</translation>
    </message>
    <message>
        <source>“{name}” cannot be removed: step {steps} uses it ({what}). Change those steps first.</source>
        <translation>无法删除“{name}”：第 {steps} 步使用了它（{what}）。请先修改这些步骤。</translation>
    </message>
    <message>
        <source>Select the variable to remove first.</source>
        <translation>请先选择要删除的变量。</translation>
    </message>
</context>
</TS>
