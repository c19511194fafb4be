<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AddItemDialog</name>
    <message>
        <source>登记器材或图书</source>
        <translation>Register equipment or a book</translation>
    </message>
    <message>
        <source>图书可扫背面的条码</source>
        <translation>For a book, scan the barcode on the back</translation>
    </message>
    <message>
        <source>可以借回家</source>
        <translation>May be taken home</translation>
    </message>
    <message>
        <source>捐赠的写捐赠人或单位；购置的不填</source>
        <translation>For a donation, the donor (person or unit); leave empty if bought</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>ISBN</source>
        <translation>ISBN</translation>
    </message>
    <message>
        <source>存放</source>
        <translation>Kept at</translation>
    </message>
    <message>
        <source>捐赠人</source>
        <translation>Donor</translation>
    </message>
</context>
<context>
    <name>AddWishDialog</name>
    <message>
        <source>登记微心愿</source>
        <translation>Write down a small wish</translation>
    </message>
    <message>
        <source>儿童：姓名、拼音或首字母</source>
        <translation>Child: name, pinyin or initials</translation>
    </message>
    <message>
        <source>用孩子自己的话，例如：想要一个新书包</source>
        <translation>In the child&apos;s own words, e.g. I would like a new school bag</translation>
    </message>
    <message>
        <source>元，可不填</source>
        <translation>yuan, optional</translation>
    </message>
    <message>
        <source>（不属于哪个梦）</source>
        <translation>(no particular dream)</translation>
    </message>
    <message>
        <source>儿童</source>
        <translation>Child</translation>
    </message>
    <message>
        <source>微心愿</source>
        <translation>Small wish</translation>
    </message>
    <message>
        <source>估计金额</source>
        <translation>Estimated value</translation>
    </message>
    <message>
        <source>梦</source>
        <translation>Dream</translation>
    </message>
    <message>
        <source>请先搜索并选好儿童。</source>
        <translation>Search for and select a child first.</translation>
    </message>
</context>
<context>
    <name>ArchivePage</name>
    <message>
        <source>待跟进提醒</source>
        <translation>Follow-ups due</translation>
    </message>
    <message>
        <source>导出档案（Excel）…</source>
        <translation>Export archive (Excel)…</translation>
    </message>
    <message>
        <source>没有找到。可以试试拼音首字母，如 zxy。</source>
        <translation>Nothing found. Try the pinyin initials, e.g. zxy.</translation>
    </message>
    <message>
        <source>有 {0} 个儿童符合“{1}”。请多输入几个字，或用 ↓ ↑ 选中再按回车。</source>
        <translation>{0} children match “{1}”. Type a little more, or choose one with ↓ ↑ and press Enter.</translation>
    </message>
    <message>
        <source>双击或按回车打开这个儿童的档案。</source>
        <translation>Double-click or press Enter to open this child&apos;s archive.</translation>
    </message>
    <message>
        <source>超过 {n} 天没有和父母联系</source>
        <translation>No contact with parents for over {n} days</translation>
    </message>
    <message>
        <source>跟进已过期</source>
        <translation>Follow-up overdue</translation>
    </message>
    <message>
        <source>监护情况“差”</source>
        <translation>Guardianship rated &quot;poor&quot;</translation>
    </message>
    <message>
        <source>父母 30 天内回家</source>
        <translation>Parents coming home within 30 days</translation>
    </message>
    <message>
        <source>{d} 天未联系</source>
        <translation>No contact for {d} days</translation>
    </message>
    <message>
        <source>从未联系</source>
        <translation>Never contacted</translation>
    </message>
    <message>
        <source>最近联系：</source>
        <translation>Last contact: </translation>
    </message>
    <message>
        <source>没有联系记录</source>
        <translation>No contact on record</translation>
    </message>
    <message>
        <source>过期 {d} 天</source>
        <translation>{d} days overdue</translation>
    </message>
    <message>
        <source>亲子联系</source>
        <translation>Parent contact</translation>
    </message>
    <message>
        <source>家访</source>
        <translation>Home visit</translation>
    </message>
    <message>
        <source>期限：</source>
        <translation>Due: </translation>
    </message>
    <message>
        <source>今天</source>
        <translation>today</translation>
    </message>
    <message>
        <source>{d} 天后</source>
        <translation>in {d} days</translation>
    </message>
    <message>
        <source>可以约家长来站里或安排一次家访。</source>
        <translation>You could invite the parents to the station or arrange a home visit.</translation>
    </message>
    <message>
        <source>没有</source>
        <translation>None</translation>
    </message>
    <message>
        <source>给爸爸妈妈的信…</source>
        <translation>Letter to the parents…</translation>
    </message>
    <message>
        <source>信里的话…</source>
        <translation>Words for the letter…</translation>
    </message>
    <message>
        <source>已发微信</source>
        <translation>Sent by WeChat</translation>
    </message>
    <message>
        <source>已寄书信</source>
        <translation>Sent by post</translation>
    </message>
    <message>
        <source>父母</source>
        <translation>Parents</translation>
    </message>
    <message>
        <source>监护情况</source>
        <translation>Guardianship</translation>
    </message>
    <message>
        <source>时间线</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <source>已保存信里的话。</source>
        <translation>The letter&apos;s words are saved.</translation>
    </message>
    <message>
        <source>已记下：{0}的信已通过{1}发给{2}。</source>
        <translation>Recorded: {0}&apos;s letter went to {2} by {1}.</translation>
    </message>
    <message>
        <source>还没有联系记录</source>
        <translation>No contact recorded yet</translation>
    </message>
    <message>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <source>姓名或首字母</source>
        <translation>Name or initials</translation>
    </message>
    <message>
        <source>找儿童：姓名、拼音、首字母或卡号；回车打开</source>
        <translation>Find a child: name, pinyin, initials or card number; Enter opens</translation>
    </message>
    <message>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>（{0}）</source>
        <translation> ({0})</translation>
    </message>
    <message>
        <source>监护类型未填</source>
        <translation>type of guardianship not given</translation>
    </message>
    <message>
        <source>委托</source>
        <translation>entrusted to</translation>
    </message>
    <message>
        <source>{0}（{1}）&#x3000;</source>
        <translation>{0} ({1})   </translation>
    </message>
    <message>
        <source>最近一封给爸爸妈妈的信：{0}月的信，{1} 通过{2}发给{3}</source>
        <translation>Last letter to the parents: the letter of {0}, sent on {1} by {2} to {3}</translation>
    </message>
    <message>
        <source>爸爸妈妈</source>
        <translation>both parents</translation>
    </message>
    <message>
        <source>还没有寄过给爸爸妈妈的信</source>
        <translation>No letter to the parents sent yet</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>父母档案-{0}.xlsx</source>
        <translation>parent-archive-{0}.xlsx</translation>
    </message>
    <message>
        <source>导出父母档案</source>
        <translation>Export parent archive</translation>
    </message>
    <message>
        <source>已导出 {n} 名儿童的档案：</source>
        <translation>Exported the archive of {n} children: </translation>
    </message>
</context>
<context>
    <name>AuditLogPage</name>
    <message>
        <source>操作日志</source>
        <translation>Activity log</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>姓名或卡号</source>
        <translation>Name or card number</translation>
    </message>
    <message>
        <source>日期从</source>
        <translation>Date from</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>儿童</source>
        <translation>Child</translation>
    </message>
    <message>
        <source>详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>到</source>
        <translation>to</translation>
    </message>
    <message>
        <source>共 {total} 条，显示最新的 {shown} 条。请缩小筛选范围查看更早的记录。</source>
        <translation>{total} entries, showing the newest {shown}. Narrow the filter to see older entries.</translation>
    </message>
    <message>
        <source>共 {total} 条。</source>
        <translation>{total} entries.</translation>
    </message>
</context>
<context>
    <name>BackupsPage</name>
    <message>
        <source>恢复备份</source>
        <translation>Restore backup</translation>
    </message>
    <message>
        <source>用这份备份替换当前数据库吗？
{0}

这份备份之后录入的内容会被替换掉；当前数据库会先自动备份，需要时还能找回。</source>
        <translation>Replace the current database with this backup?
{0}

Anything entered after this backup is replaced; the current database is backed up first, so it can be recovered if needed.</translation>
    </message>
    <message>
        <source>选择备份文件</source>
        <translation>Choose a backup file</translation>
    </message>
    <message>
        <source>数据库备份 (*.sqlite3 *.db *.sealed);;所有文件 (*)</source>
        <translation>Database backups (*.sqlite3 *.db *.sealed);;All files (*)</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>备份与恢复</source>
        <translation>Backup and restore</translation>
    </message>
    <message>
        <source>立即备份</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>恢复所选备份…</source>
        <translation>Restore selected backup…</translation>
    </message>
    <message>
        <source>从文件恢复…</source>
        <translation>Restore from file…</translation>
    </message>
    <message>
        <source>未设置（可在“设置”中选一个 U 盘文件夹）</source>
        <translation>Not set (choose a USB-drive folder in &quot;Settings&quot;)</translation>
    </message>
    <message>
        <source>每天第一次启动和退出时自动备份，每份备份都经过检查。保留最近 7 天、4 周和 12 个月的备份。
备份文件夹：{0}
第二备份文件夹：{1}</source>
        <translation>Backed up automatically at the first start of each day and on exit; every backup is checked. Backups of the last 7 days, 4 weeks and 12 months are kept.
Backup folder: {0}
Second backup folder: {1}</translation>
    </message>
    <message>
        <source>PostgreSQL 数据库：“立即备份”用 pg_dump 存入 {0}。</source>
        <translation>PostgreSQL database: &quot;Back up now&quot; saves a pg_dump into {0}.</translation>
    </message>
    <message>
        <source>出错了</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <source>正在备份…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <source>正在检查并恢复备份…</source>
        <translation>Checking and restoring the backup…</translation>
    </message>
</context>
<context>
    <name>CallHomeDialog</name>
    <message>
        <source>记录站内亲情连线（思亲梦）</source>
        <translation>Record a call home at the station (missing-family dream)</translation>
    </message>
    <message>
        <source>儿童：姓名、拼音或首字母</source>
        <translation>Child: name, pinyin or initials</translation>
    </message>
    <message>
        <source>例如：和妈妈视频十分钟，说了期中考试</source>
        <translation>e.g. ten-minute video call with mum about the mid-term exams</translation>
    </message>
    <message>
        <source>儿童</source>
        <translation>Child</translation>
    </message>
    <message>
        <source>简要记录</source>
        <translation>Short note</translation>
    </message>
    <message>
        <source>请先搜索并选好儿童。</source>
        <translation>Search for and select a child first.</translation>
    </message>
</context>
<context>
    <name>CancelDialog</name>
    <message>
        <source>取消微心愿：{0}</source>
        <translation>Cancel the wish: {0}</translation>
    </message>
    <message>
        <source>例如：孩子随父母去外地上学了</source>
        <translation>e.g. the child moved away to school with the parents</translation>
    </message>
    <message>
        <source>取消原因</source>
        <translation>Reason for cancelling</translation>
    </message>
</context>
<context>
    <name>CatalogueTab</name>
    <message>
        <source>顺序</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>功能</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>梦</source>
        <translation>Dream</translation>
    </message>
    <message>
        <source>活动数</source>
        <translation>Activities</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>上移</source>
        <translation>Move up</translation>
    </message>
    <message>
        <source>下移</source>
        <translation>Move down</translation>
    </message>
    <message>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>新增类别…</source>
        <translation>New category…</translation>
    </message>
    <message>
        <source>停用 / 启用</source>
        <translation>Deactivate / activate</translation>
    </message>
    <message>
        <source>改名不会丢失历史：已记录的活动跟着类别走。停用的类别不再出现在新建活动里，统计仍保留。</source>
        <translation>Renaming keeps the history: recorded activities stay with their category. A deactivated category is no longer offered for new activities; its statistics are kept.</translation>
    </message>
    <message>
        <source>使用中</source>
        <translation>In use</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Deactivated</translation>
    </message>
    <message>
        <source>顺序已保存。</source>
        <translation>Order saved.</translation>
    </message>
    <message>
        <source>类别已保存；它的活动记录都还在。</source>
        <translation>Category saved; its activities are all still there.</translation>
    </message>
    <message>
        <source>类别已添加。</source>
        <translation>Category added.</translation>
    </message>
    <message>
        <source>已停用：历史记录保留。</source>
        <translation>Deactivated: its history is kept.</translation>
    </message>
    <message>
        <source>已重新启用。</source>
        <translation>Activated again.</translation>
    </message>
</context>
<context>
    <name>CheckOutDialog</name>
    <message>
        <source>签退：</source>
        <translation>Check out: </translation>
    </message>
    <message>
        <source>谁来接 %1？按数字键选择。</source>
        <translation>Who is picking up %1? Press a number key.</translation>
    </message>
    <message>
        <source>⚠ 有过敏或疾病提示</source>
        <translation>⚠ Has an allergy or illness note</translation>
    </message>
    <message>
        <source>⚠ 还没还（只能在站内使用）：{0}</source>
        <translation>⚠ Not yet returned (stays in the room): {0}</translation>
    </message>
    <message>
        <source>{0}   {1}（{2}）{3}</source>
        <translation>{0}   {1} ({2}){3}</translation>
    </message>
    <message>
        <source>名单上没有可接送的人。</source>
        <translation>Nobody on the pick-up list.</translation>
    </message>
    <message>
        <source>A   自行回家（有监护人同意书）</source>
        <translation>A   Goes home alone (guardian consent on file)</translation>
    </message>
    <message>
        <source>自行回家：没有监护人同意书，不可以</source>
        <translation>Going home alone: not allowed without guardian consent</translation>
    </message>
    <message>
        <source>0   其他人来接（不在名单上）…</source>
        <translation>0   Someone else (not on the list)…</translation>
    </message>
    <message>
        <source>注意：这个人不在可接送名单上。请核对身份，填写姓名、关系和电话；签退会被记录并提醒社工。</source>
        <translation>Note: this person is not on the pick-up list. Check who they are and fill in name, relationship and phone; the check-out is recorded and the social worker is told.</translation>
    </message>
    <message>
        <source>如：舅舅、邻居</source>
        <translation>e.g. uncle, neighbour</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>关系</source>
        <translation>Relationship</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>确认签退</source>
        <translation>Confirm check-out</translation>
    </message>
    <message>
        <source>取消（Esc）</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <source>请填写：</source>
        <translation>Please fill in: </translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>ChildEditDialog</name>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>关系</source>
        <translation>Relationship</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>可接送</source>
        <translation>May pick up</translation>
    </message>
    <message>
        <source>新增儿童</source>
        <translation>New child</translation>
    </message>
    <message>
        <source>儿童资料：</source>
        <translation>Child: </translation>
    </message>
    <message>
        <source>如 2015-03-04 或 2015年3月4日</source>
        <translation>e.g. 2015-03-04</translation>
    </message>
    <message>
        <source>可不填；填写时为 18 位</source>
        <translation>Optional; 18 characters when given</translation>
    </message>
    <message>
        <source>住校</source>
        <translation>Boards at school</translation>
    </message>
    <message>
        <source>有过敏或疾病（签到台会看到提示）</source>
        <translation>Has an allergy or illness (the desk shows a warning)</translation>
    </message>
    <message>
        <source>您的账号不能查看详情（可以看到是否有过敏或疾病）</source>
        <translation>Your account cannot see the details (only whether there is an allergy or illness)</translation>
    </message>
    <message>
        <source>姓名读音特殊时填写，如 单雨涵 → syh</source>
        <translation>Fill in when the name is read unusually, e.g. 单雨涵 → syh</translation>
    </message>
    <message>
        <source>保存后自动生成</source>
        <translation>Generated when saved</translation>
    </message>
    <message>
        <source>卡号</source>
        <translation>Card number</translation>
    </message>
    <message>
        <source>基本信息</source>
        <translation>Basics</translation>
    </message>
    <message>
        <source>监护人和可以接孩子的人（第一位为主要监护人）：</source>
        <translation>Guardians and people who may pick the child up (the first is the main guardian):</translation>
    </message>
    <message>
        <source>添加监护人/接送人</source>
        <translation>Add guardian / pick-up person</translation>
    </message>
    <message>
        <source>删除所选</source>
        <translation>Delete selected</translation>
    </message>
    <message>
        <source>监护人与同意书</source>
        <translation>Guardians and consents</translation>
    </message>
    <message>
        <source>没有照片</source>
        <translation>No photo</translation>
    </message>
    <message>
        <source>选择照片…</source>
        <translation>Choose photo…</translation>
    </message>
    <message>
        <source>移除照片</source>
        <translation>Remove photo</translation>
    </message>
    <message>
        <source>保存后可以添加照片。</source>
        <translation>You can add a photo after saving.</translation>
    </message>
    <message>
        <source>照片</source>
        <translation>Photo</translation>
    </message>
    <message>
        <source>微心愿</source>
        <translation>Small wish</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>可以接</source>
        <translation>May pick up</translation>
    </message>
    <message>
        <source>监护人同意书</source>
        <translation>Guardian consents</translation>
    </message>
    <message>
        <source>同意人，如 祖母 王秀英</source>
        <translation>Given by, e.g. grandmother Wang Xiuying</translation>
    </message>
    <message>
        <source>范围，如 花名册和照片，仅用于本站活动</source>
        <translation>Scope, e.g. roster and photos, only for this station&apos;s activities</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>撤回所选</source>
        <translation>Withdraw selected</translation>
    </message>
    <message>
        <source>保存后可以记录同意书。</source>
        <translation>You can record consents after saving.</translation>
    </message>
    <message>
        <source>{0}：{1}，{2}</source>
        <translation>{0}: {1}, {2}</translation>
    </message>
    <message>
        <source>，范围：{0}</source>
        <translation>, scope: {0}</translation>
    </message>
    <message>
        <source>（{0} 已撤回）</source>
        <translation> (withdrawn {0})</translation>
    </message>
    <message>
        <source>选择照片</source>
        <translation>Choose a photo</translation>
    </message>
    <message>
        <source>图片 (*.jpg *.jpeg *.png *.bmp *.gif *.webp)</source>
        <translation>Pictures (*.jpg *.jpeg *.png *.bmp *.gif *.webp)</translation>
    </message>
</context>
<context>
    <name>ChildWishesTab</name>
    <message>
        <source>给这个孩子登记心愿…</source>
        <translation>Write down a wish for this child…</translation>
    </message>
    <message>
        <source>（认领已久未圆梦）</source>
        <translation> (claimed long ago, not yet fulfilled)</translation>
    </message>
    <message>
        <source>微心愿已登记。</source>
        <translation>Wish written down.</translation>
    </message>
</context>
<context>
    <name>ChildrenPage</name>
    <message>
        <source>搜索：姓名、拼音或首字母、卡号、监护人电话后四位</source>
        <translation>Search: name, pinyin or initials, card number, last four digits of a guardian&apos;s phone</translation>
    </message>
    <message>
        <source>新增儿童</source>
        <translation>New child</translation>
    </message>
    <message>
        <source>全部学校</source>
        <translation>All schools</translation>
    </message>
    <message>
        <source>全部年级</source>
        <translation>All grades</translation>
    </message>
    <message>
        <source>过敏/疾病：不限</source>
        <translation>Allergy/illness: any</translation>
    </message>
    <message>
        <source>有过敏或疾病</source>
        <translation>Has an allergy or illness</translation>
    </message>
    <message>
        <source>无过敏或疾病</source>
        <translation>No allergy or illness</translation>
    </message>
    <message>
        <source>结对：不限</source>
        <translation>Paired: any</translation>
    </message>
    <message>
        <source>已结对</source>
        <translation>Paired</translation>
    </message>
    <message>
        <source>未结对</source>
        <translation>Not paired</translation>
    </message>
</context>
<context>
    <name>ClaimDialog</name>
    <message>
        <source>认领微心愿：{0}</source>
        <translation>Claim the wish: {0}</translation>
    </message>
    <message>
        <source>本站志愿者</source>
        <translation>A volunteer of this station</translation>
    </message>
    <message>
        <source>站外爱心人士或共建单位</source>
        <translation>Someone from outside, or a partner unit</translation>
    </message>
    <message>
        <source>志愿者：姓名或拼音</source>
        <translation>Volunteer: name or pinyin</translation>
    </message>
    <message>
        <source>例如：青山湖区水利局</source>
        <translation>e.g. Qingshanhu District Water Bureau</translation>
    </message>
    <message>
        <source>志愿者</source>
        <translation>Volunteer</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>请先搜索并选好志愿者，或选“站外爱心人士或共建单位”。</source>
        <translation>Search for and select a volunteer first, or choose &quot;Someone from outside, or a partner unit&quot;.</translation>
    </message>
</context>
<context>
    <name>ClaimForVolunteerDialog</name>
    <message>
        <source>{0} 认领微心愿</source>
        <translation>{0} claims a small wish</translation>
    </message>
    <message>
        <source>选一个微心愿（↑↓），按回车认领：</source>
        <translation>Choose a wish (↑↓) and press Enter to claim it:</translation>
    </message>
    <message>
        <source>现在没有待认领的微心愿。</source>
        <translation>No wishes are waiting to be claimed.</translation>
    </message>
</context>
<context>
    <name>ClosingDialog</name>
    <message>
        <source>闭馆</source>
        <translation>Close for the day</translation>
    </message>
    <message>
        <source>闭馆原因（有儿童在站时必填）</source>
        <translation>Reason for closing (required while children are here)</translation>
    </message>
    <message>
        <source>如：已联系奶奶，由值班志愿者陪同等候</source>
        <translation>e.g.: grandma called, a duty volunteer waits with the child</translation>
    </message>
    <message>
        <source>闭馆（在原因里按回车）</source>
        <translation>Close the day (Enter in the reason)</translation>
    </message>
    <message>
        <source>返回（Esc）</source>
        <translation>Back (Esc)</translation>
    </message>
    <message>
        <source>还有 %1 名儿童在站。请给家里打电话，记下结果。</source>
        <translation>%1 children are still here. Phone their families and note what they said.</translation>
    </message>
    <message>
        <source>今天已于 %1 闭馆。</source>
        <translation>Closed today at %1.</translation>
    </message>
    <message>
        <source>打给谁</source>
        <translation>Who was called</translation>
    </message>
    <message>
        <source>别的号码（写在结果里）</source>
        <translation>Another number (write it in the result)</translation>
    </message>
    <message>
        <source>结果，如：奶奶 10 分钟后到</source>
        <translation>Result, e.g.: grandma comes in 10 minutes</translation>
    </message>
    <message>
        <source>电话结果</source>
        <translation>Result of the call</translation>
    </message>
    <message>
        <source>儿童都已签退。</source>
        <translation>All children have checked out.</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt;&#x3000;{1} 签到</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt;  checked in at {1}</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>没有登记电话</source>
        <translation>No phone on record</translation>
    </message>
    <message>
        <source>联系：</source>
        <translation>Contact: </translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>志愿者还在站（请签退；未签退的值班会标记待补录）：</source>
        <translation>Volunteers still here (check them out; shifts not checked out are marked for completion):</translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <source>取消（Esc）</source>
        <translation>Cancel (Esc)</translation>
    </message>
</context>
<context>
    <name>ContactsTab</name>
    <message>
        <source>记录一次联系</source>
        <translation>Record a contact</translation>
    </message>
    <message>
        <source>年-月-日 时:分</source>
        <translation>year-month-day hour:minute</translation>
    </message>
    <message>
        <source>分钟</source>
        <translation>minutes</translation>
    </message>
    <message>
        <source>聊了什么</source>
        <translation>What was talked about</translation>
    </message>
    <message>
        <source>需要跟进，最晚在这天前：</source>
        <translation>Needs follow-up, at the latest by:</translation>
    </message>
    <message>
        <source>年-月-日</source>
        <translation>year-month-day</translation>
    </message>
    <message>
        <source>在站里打的：同时记为一次思亲梦活动</source>
        <translation>Made at the station: also record it as a &quot;missing family&quot; dream activity</translation>
    </message>
    <message>
        <source>记录这次联系</source>
        <translation>Record this contact</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>How</translation>
    </message>
    <message>
        <source>发起方</source>
        <translation>Started by</translation>
    </message>
    <message>
        <source>家长</source>
        <translation>Parent</translation>
    </message>
    <message>
        <source>时长（分钟）</source>
        <translation>Length (minutes)</translation>
    </message>
    <message>
        <source>孩子情绪</source>
        <translation>Child&apos;s mood</translation>
    </message>
    <message>
        <source>内容摘要</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>时长</source>
        <translation>Length</translation>
    </message>
    <message>
        <source>跟进</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>选中这条的跟进已完成</source>
        <translation>Mark the selected follow-up as done</translation>
    </message>
    <message>
        <source>（未指定）</source>
        <translation>(not given)</translation>
    </message>
    <message>
        <source>已完成 </source>
        <translation>Done </translation>
    </message>
    <message>
        <source>待跟进 </source>
        <translation>Due </translation>
    </message>
    <message>
        <source>待跟进</source>
        <translation>Follow-up due</translation>
    </message>
    <message>
        <source>（思亲梦）</source>
        <translation>(missing-family dream)</translation>
    </message>
    <message>
        <source>{n} 分钟</source>
        <translation>{n} min</translation>
    </message>
    <message>
        <source>已记录这次联系</source>
        <translation>Contact recorded</translation>
    </message>
    <message>
        <source>，并记为一次思亲梦活动。</source>
        <translation>, and recorded as a missing-family dream activity.</translation>
    </message>
    <message>
        <source>。</source>
        <translation>.</translation>
    </message>
</context>
<context>
    <name>DayRecordsDialog</name>
    <message>
        <source>今天的到站记录</source>
        <translation>Today&apos;s visits</translation>
    </message>
    <message>
        <source>选中一条记录，更正签到或签退时间（须写明原因，记入操作日志）。还在站的人在右边的在站名单里签退。</source>
        <translation>Pick a visit to correct its check-in or check-out time (a reason is required; it goes to the audit log). People still here are checked out from the list on the right.</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>签到</source>
        <translation>In</translation>
    </message>
    <message>
        <source>签退</source>
        <translation>Out</translation>
    </message>
    <message>
        <source>接送人</source>
        <translation>Collected by</translation>
    </message>
    <message>
        <source>更正签到时间…</source>
        <translation>Correct check-in time…</translation>
    </message>
    <message>
        <source>更正签退时间…</source>
        <translation>Correct check-out time…</translation>
    </message>
    <message>
        <source>关闭（Esc）</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <source>峰值在站 %1 人</source>
        <translation>Peak %1 children here</translation>
    </message>
    <message>
        <source> · 超出师生比 %1 分钟</source>
        <translation> · %1 minutes over the ratio</translation>
    </message>
    <message>
        <source>未签退</source>
        <translation>still here</translation>
    </message>
    <message>
        <source>  ⚠ 不在名单上</source>
        <translation>  ⚠ not on the list</translation>
    </message>
    <message>
        <source>  ⚠ 超限放行（%1 %2）</source>
        <translation>  ⚠ let in past the limits (%1 %2)</translation>
    </message>
</context>
<context>
    <name>DeskFlows</name>
    <message>
        <source>不认识这个卡号：%1。它不是本站儿童或志愿者的卡，请改用姓名搜索。</source>
        <translation>Unknown card number: %1. It is not a card of this station&apos;s children or volunteers; search by name instead.</translation>
    </message>
    <message>
        <source>“{0}”已由 {1} 归还。</source>
        <translation>&quot;{0}&quot; returned by {1}.</translation>
    </message>
    <message>
        <source>“{0}”借给 {1}，应还日期 {2}。</source>
        <translation>&quot;{0}&quot; lent to {1}, due {2}.</translation>
    </message>
    <message>
        <source>“{0}”：要借给谁？请先扫孩子的卡，再扫物品。</source>
        <translation>&quot;{0}&quot;: lent to whom? Scan the child&apos;s card first, then the items.</translation>
    </message>
    <message>
        <source>有 {0} 个微心愿待认领 · {1} 认领（F8）</source>
        <translation>{0} small wishes waiting · {1} can claim one (F8)</translation>
    </message>
    <message>
        <source>志愿者签到后，如有待认领的微心愿，可以按 F8 认领。</source>
        <translation>Once a volunteer has checked in, F8 lets them claim a waiting small wish.</translation>
    </message>
    <message>
        <source>{0} 认领了微心愿：{1}</source>
        <translation>{0} claimed the wish: {1}</translation>
    </message>
    <message>
        <source>超出限额</source>
        <translation>Over the limits</translation>
    </message>
    <message>
        <source>确认有足够的志愿者照看后，按回车仍然签到；这次放行会记入今天的记录。</source>
        <translation>Once you are sure there are enough volunteers, press Enter to check in anyway; this is recorded on today&apos;s records.</translation>
    </message>
    <message>
        <source>确认有足够的志愿者照看后，按回车仍然签退；这次放行会记入今天的记录。</source>
        <translation>Once you are sure there are enough volunteers, press Enter to check out anyway; this is recorded on today&apos;s records.</translation>
    </message>
    <message>
        <source>仍然签到（回车）</source>
        <translation>Check in anyway (Enter)</translation>
    </message>
    <message>
        <source>仍然签退（回车）</source>
        <translation>Check out anyway (Enter)</translation>
    </message>
    <message>
        <source>没有签到：超出限额。</source>
        <translation>Not checked in: over the limits.</translation>
    </message>
    <message>
        <source>没有签退：会低于师生比。</source>
        <translation>Not checked out: the room would be under the ratio.</translation>
    </message>
    <message>
        <source>签退</source>
        <translation>Check out</translation>
    </message>
    <message>
        <source>%1 已在站（%2 起）。现在签退吗？</source>
        <translation>%1 is already here (since %2). Check out now?</translation>
    </message>
    <message>
        <source>签退（回车）</source>
        <translation>Check out (Enter)</translation>
    </message>
    <message>
        <source>已闭馆。</source>
        <translation>Closed for the day.</translation>
    </message>
    <message>
        <source>原因：</source>
        <translation>Reason: </translation>
    </message>
</context>
<context>
    <name>DeskLists</name>
    <message>
        <source>……还有 %1 人，请多输入几个字母</source>
        <translation>…and %1 more; type a few more letters</translation>
    </message>
    <message>
        <source>在站（%1 起）· 回车签退</source>
        <translation>Here (since %1) · Enter checks out</translation>
    </message>
    <message>
        <source>⚠ 过敏/疾病</source>
        <translation>⚠ Allergy/illness</translation>
    </message>
    <message>
        <source>在站：儿童 %1 人 · 志愿者 %2 人</source>
        <translation>Here now: %1 children · %2 volunteers</translation>
    </message>
    <message>
        <source>（按 1:%1 需要 %2）</source>
        <translation> (1:%1 needs %2)</translation>
    </message>
    <message>
        <source>接近场地容量或师生比的限额</source>
        <translation>Near the room&apos;s capacity or the volunteer ratio</translation>
    </message>
    <message>
        <source>超出场地容量或师生比的限额</source>
        <translation>Over the room&apos;s capacity or the volunteer ratio</translation>
    </message>
    <message>
        <source>志愿者</source>
        <translation>Volunteer</translation>
    </message>
    <message>
        <source>（{0}）</source>
        <translation> ({0})</translation>
    </message>
    <message>
        <source>  未签退（%1）</source>
        <translation>  not checked out (%1)</translation>
    </message>
    <message>
        <source>  闭馆后仍在站</source>
        <translation>  still here after closing</translation>
    </message>
    <message>
        <source>签退…</source>
        <translation>Check out…</translation>
    </message>
    <message>
        <source>更正签到时间…</source>
        <translation>Correct check-in time…</translation>
    </message>
    <message>
        <source>补录结束时间（管理员）…</source>
        <translation>Enter missing end time (admin)…</translation>
    </message>
    <message>
        <source>更正签到时间</source>
        <translation>Correct check-in time</translation>
    </message>
    <message>
        <source>%1 的签到时间改为：</source>
        <translation>Change the check-in time of %1 to:</translation>
    </message>
    <message>
        <source>补录结束时间</source>
        <translation>Enter missing end time</translation>
    </message>
    <message>
        <source>%1 的值班没有签退。结束时间：</source>
        <translation>%1 did not check out from duty. End time:</translation>
    </message>
    <message>
        <source>更正签退时间</source>
        <translation>Correct check-out time</translation>
    </message>
    <message>
        <source>%1 的签退时间改为：</source>
        <translation>Check-out time of %1:</translation>
    </message>
</context>
<context>
    <name>DeskPage</name>
    <message>
        <source>正在读取花名册…</source>
        <translation>Loading the roster…</translation>
    </message>
    <message>
        <source>签到 / 签退（回车）</source>
        <translation>Check in / out (Enter)</translation>
    </message>
    <message>
        <source>新来的孩子（F2）</source>
        <translation>New child (F2)</translation>
    </message>
    <message>
        <source>撤销（Ctrl+Z）</source>
        <translation>Undo (Ctrl+Z)</translation>
    </message>
    <message>
        <source>闭馆（F9）</source>
        <translation>Close for the day (F9)</translation>
    </message>
    <message>
        <source>请输入姓名或拼音首字母，按回车签到。</source>
        <translation>Type a name or pinyin initials and press Enter to check in.</translation>
    </message>
    <message>
        <source>（{0}）</source>
        <translation> ({0})</translation>
    </message>
    <message>
        <source>姓名、首字母或卡号</source>
        <translation>Name, initials or card</translation>
    </message>
    <message>
        <source>姓名、拼音首字母（如 zsf）、卡号或电话后四位，按回车签到或签退</source>
        <translation>Name, pinyin initials (e.g. zsf), card number or the last four digits of a phone; Enter checks in or out</translation>
    </message>
    <message>
        <source>今天的记录（F7）</source>
        <translation>Today&apos;s records (F7)</translation>
    </message>
    <message>
        <source>今天每一次签到签退；可以更正时间（须写明原因）</source>
        <translation>Every check-in and check-out today; times can be corrected (with a reason)</translation>
    </message>
    <message>
        <source>今天按开放日历不开放{0}。仍然可以签到签退，记录照常保存。</source>
        <translation>The opening calendar says the station is closed today{0}. You can still check in and out; everything is recorded as usual.</translation>
    </message>
    <message>
        <source>没有找到“%1”。新来的孩子请按 F2 登记。</source>
        <translation>No one found for &quot;%1&quot;. Register a new child with F2.</translation>
    </message>
    <message>
        <source>请按行首的数字选人，或用 ↓ ↑ 选中再按回车；就是第一位的话，再按一次回车。</source>
        <translation>Press the number at the start of a line, or pick with ↓ ↑ and press Enter; for the first person press Enter again.</translation>
    </message>
    <message>
        <source>请用 ↓ ↑ 选中要签到的人再按回车；就是第一位的话，再按一次回车。</source>
        <translation>Pick the person to check in with ↓ ↑ and press Enter; for the first person press Enter again.</translation>
    </message>
    <message>
        <source>有 %1 人同样匹配。</source>
        <translation>%1 people match equally.</translation>
    </message>
</context>
<context>
    <name>DreamDialog</name>
    <message>
        <source>修改类别</source>
        <translation>Edit category</translation>
    </message>
    <message>
        <source>新增类别</source>
        <translation>New category</translation>
    </message>
    <message>
        <source>功能名称（如 道德讲堂）</source>
        <translation>Purpose (e.g. ethics class)</translation>
    </message>
    <message>
        <source>梦的名称（如 好人梦）</source>
        <translation>Dream name (e.g. good-person dream)</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>颜色（#rrggbb）</source>
        <translation>Colour (#rrggbb)</translation>
    </message>
    <message>
        <source>图标</source>
        <translation>Icon</translation>
    </message>
</context>
<context>
    <name>DreamsPage</name>
    <message>
        <source>十个梦 · 活动记录</source>
        <translation>Ten dreams · Activities</translation>
    </message>
    <message>
        <source>活动记录</source>
        <translation>Activities</translation>
    </message>
    <message>
        <source>结对帮扶</source>
        <translation>Pairings</translation>
    </message>
    <message>
        <source>类别管理</source>
        <translation>Categories</translation>
    </message>
    <message>
        <source>全部的梦</source>
        <translation>All dreams</translation>
    </message>
    <message>
        <source>只看某个儿童：姓名或拼音</source>
        <translation>Only one child: name or pinyin</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>梦</source>
        <translation>Dream</translation>
    </message>
    <message>
        <source>主题</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>组织者</source>
        <translation>Organiser</translation>
    </message>
    <message>
        <source>参与人数</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>照片</source>
        <translation>Photo</translation>
    </message>
    <message>
        <source>新建活动 (Ctrl+N)</source>
        <translation>New activity (Ctrl+N)</translation>
    </message>
    <message>
        <source>查看 / 修改</source>
        <translation>View / edit</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>亲情连线…</source>
        <translation>Call home…</translation>
    </message>
    <message>
        <source>孩子在站里和父母视频或通话：一步记为一次思亲梦活动</source>
        <translation>A child video-calls or phones the parents at the station: recorded in one step as a missing-family dream activity</translation>
    </message>
    <message>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <source>到</source>
        <translation>to</translation>
    </message>
    <message>
        <source>共 {0} 条活动记录</source>
        <translation>{0} activities</translation>
    </message>
    <message>
        <source>请先在列表里选一条活动记录。</source>
        <translation>Select an activity in the list first.</translation>
    </message>
    <message>
        <source>只有社工或管理员可以修改已记录的活动。</source>
        <translation>Only a social worker or an administrator can change a recorded activity.</translation>
    </message>
    <message>
        <source>活动记录已保存。</source>
        <translation>Activity saved.</translation>
    </message>
    <message>
        <source>删除活动记录</source>
        <translation>Delete activity</translation>
    </message>
    <message>
        <source>确定删除这条活动记录和它的照片吗？操作日志会留下记录。</source>
        <translation>Delete this activity and its photos? The activity log keeps a record.</translation>
    </message>
    <message>
        <source>活动记录已删除。</source>
        <translation>Activity deleted.</translation>
    </message>
    <message>
        <source>已记为一次思亲梦活动（站内亲情连线）。</source>
        <translation>Recorded as a missing-family dream activity (call home at the station).</translation>
    </message>
</context>
<context>
    <name>DuplicateWarningDialog</name>
    <message>
        <source>可能重复</source>
        <translation>Possible duplicate</translation>
    </message>
    <message>
        <source>花名册里可能已经有这个人：</source>
        <translation>This person may already be on the roster:</translation>
    </message>
    <message>
        <source>返回核对</source>
        <translation>Go back and check</translation>
    </message>
    <message>
        <source>是另一个人，仍然保存</source>
        <translation>It is someone else, save anyway</translation>
    </message>
</context>
<context>
    <name>DutyPage</name>
    <message>
        <source>上个月</source>
        <translation>Previous month</translation>
    </message>
    <message>
        <source>下个月</source>
        <translation>Next month</translation>
    </message>
    <message>
        <source>值班表</source>
        <translation>Duty rota</translation>
    </message>
    <message>
        <source>活动计划</source>
        <translation>Activity plans</translation>
    </message>
    <message>
        <source>开放日历</source>
        <translation>Opening calendar</translation>
    </message>
    <message>
        <source>岗位</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>需要</source>
        <translation>Needed</translation>
    </message>
    <message>
        <source>已安排</source>
        <translation>Assigned</translation>
    </message>
    <message>
        <source>缺</source>
        <translation>Missing</translation>
    </message>
    <message>
        <source>认领岗位：输入姓名或拼音首字母，按回车</source>
        <translation>Take a post: type a name or pinyin initials and press Enter</translation>
    </message>
    <message>
        <source>例如 wf 或 王芳</source>
        <translation>e.g. wf or Wang Fang</translation>
    </message>
    <message>
        <source>补缺可联系的志愿者</source>
        <translation>Volunteers to ask to fill the gap</translation>
    </message>
    <message>
        <source>取消所选岗位上的最后一人</source>
        <translation>Remove the last person from the selected post</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>梦</source>
        <translation>Dream</translation>
    </message>
    <message>
        <source>主题</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>组织者</source>
        <translation>Organiser</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>新增计划（所选开放日）</source>
        <translation>New plan (selected opening day)</translation>
    </message>
    <message>
        <source>转为活动记录（当天到站儿童为参加者）</source>
        <translation>Turn into an activity (that day&apos;s children as participants)</translation>
    </message>
    <message>
        <source>取消计划</source>
        <translation>Cancel plan</translation>
    </message>
    <message>
        <source>本月各梦：计划 / 按计划开展 / 实际开展</source>
        <translation>Dreams this month: planned / held as planned / held</translation>
    </message>
    <message>
        <source>计划</source>
        <translation>Planned</translation>
    </message>
    <message>
        <source>按计划开展</source>
        <translation>Held as planned</translation>
    </message>
    <message>
        <source>实际开展</source>
        <translation>Held</translation>
    </message>
    <message>
        <source>这一天闭馆…</source>
        <translation>Closed on this day…</translation>
    </message>
    <message>
        <source>这一天加开…</source>
        <translation>Extra opening on this day…</translation>
    </message>
    <message>
        <source>恢复每周规则</source>
        <translation>Back to the weekly rule</translation>
    </message>
    <message>
        <source>{0} 年 {1} 月</source>
        <translation>{1}/{0}</translation>
    </message>
    <message>
        <source> · 缺 {0} 人</source>
        <translation> · {0} missing</translation>
    </message>
    <message>
        <source> · 已排满</source>
        <translation> · fully staffed</translation>
    </message>
    <message>
        <source>{0}  开放 {1}–{2}</source>
        <translation>{0}  open {1}–{2}</translation>
    </message>
    <message>
        <source>{0}  不开放</source>
        <translation>{0}  closed</translation>
    </message>
    <message>
        <source>（{0}）</source>
        <translation> ({0})</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>（未到）</source>
        <translation> (did not come)</translation>
    </message>
    <message>
        <source>（认领）</source>
        <translation> (claimed)</translation>
    </message>
    <message>
        <source>有多个同名或相近的志愿者，请用方向键选中后按回车。</source>
        <translation>Several volunteers have the same or a similar name; pick one with the arrow keys and press Enter.</translation>
    </message>
    <message>
        <source>没有找到这位志愿者。请检查姓名或拼音首字母。</source>
        <translation>Volunteer not found. Check the name or pinyin initials.</translation>
    </message>
    <message>
        <source>请先选择开放日和岗位。</source>
        <translation>Select an opening day and a post first.</translation>
    </message>
    <message>
        <source>{0} 已安排在 {1}“{2}”。</source>
        <translation>{0} is on &quot;{2}&quot; on {1}.</translation>
    </message>
    <message>
        <source>上次值班 {0}</source>
        <translation>last duty {0}</translation>
    </message>
    <message>
        <source>还没有值过班</source>
        <translation>no duty yet</translation>
    </message>
    <message>
        <source>已取消 {0} 的排班。</source>
        <translation>Removed {0} from the rota.</translation>
    </message>
    <message>
        <source>请先在“值班表”里选中一个开放日。</source>
        <translation>Select an opening day in &quot;Duty rota&quot; first.</translation>
    </message>
    <message>
        <source>已添加计划：{0}</source>
        <translation>Plan added: {0}</translation>
    </message>
    <message>
        <source>请先选中一条活动计划。</source>
        <translation>Select an activity plan first.</translation>
    </message>
    <message>
        <source>“{0}”已转为活动记录（编号 {1}），可在“十个梦”页补充总结和照片。</source>
        <translation>&quot;{0}&quot; is now an activity (number {1}); add a summary and photos on the &quot;Ten dreams&quot; page.</translation>
    </message>
    <message>
        <source>取消的原因：</source>
        <translation>Reason for cancelling:</translation>
    </message>
    <message>
        <source>请先选中一天。</source>
        <translation>Select a day first.</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>请写明原因（如“国庆放假”“寒假加开”）：</source>
        <translation>Give a reason (e.g. &quot;National Day holiday&quot;, &quot;extra winter-holiday opening&quot;):</translation>
    </message>
    <message>
        <source>{0}：{1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <source>开放</source>
        <translation>open</translation>
    </message>
    <message>
        <source>不开放</source>
        <translation>closed</translation>
    </message>
</context>
<context>
    <name>FirstRunPanel</name>
    <message>
        <source>欢迎使用{0}</source>
        <translation>Welcome to {0}</translation>
    </message>
    <message>
        <source>第一次使用：请填写站点名称，并为站长（管理员）建一个账号。以后用这个账号登录、添加其他账号。</source>
        <translation>First use: enter the station&apos;s name and create an account for the station manager (administrator). Use it to log in and to add other accounts.</translation>
    </message>
    <message>
        <source>站点名称</source>
        <translation>Station name</translation>
    </message>
    <message>
        <source>管理员姓名</source>
        <translation>Administrator&apos;s name</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>至少 {n} 个字符</source>
        <translation>At least {n} characters</translation>
    </message>
    <message>
        <source>再输一次密码</source>
        <translation>Password again</translation>
    </message>
    <message>
        <source>开始使用</source>
        <translation>Get started</translation>
    </message>
    <message>
        <source>两次输入的密码不一样，请再输入一次。</source>
        <translation>The two passwords differ; please enter it again.</translation>
    </message>
    <message>
        <source>管理员账号已建好。下面是本站点的恢复码：忘记管理员密码时，用它设新密码。请抄在纸上或打印出来，放在站里的保险柜。它只显示这一次。</source>
        <translation>The administrator account is ready. Below is this station&apos;s recovery code: with it you can set a new password if the administrator&apos;s password is forgotten. Write it down or print it, and keep it in the station&apos;s safe. It is shown only this once.</translation>
    </message>
</context>
<context>
    <name>FulfilDialog</name>
    <message>
        <source>圆梦：{0}</source>
        <translation>Fulfilled: {0}</translation>
    </message>
    <message>
        <source>例如：周末在站里当面送到</source>
        <translation>e.g. handed over at the station at the weekend</translation>
    </message>
    <message>
        <source>照片文件，可不选</source>
        <translation>Photo file, optional</translation>
    </message>
    <message>
        <source>选择照片…</source>
        <translation>Choose photo…</translation>
    </message>
    <message>
        <source>圆梦日期</source>
        <translation>Fulfilled on</translation>
    </message>
    <message>
        <source>送达方式</source>
        <translation>How delivered</translation>
    </message>
    <message>
        <source>照片</source>
        <translation>Photo</translation>
    </message>
    <message>
        <source>孩子的感谢</source>
        <translation>The child&apos;s thanks</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>选择照片</source>
        <translation>Choose a photo</translation>
    </message>
    <message>
        <source>图片 (*.jpg *.jpeg *.png *.gif *.bmp *.webp)</source>
        <translation>Pictures (*.jpg *.jpeg *.png *.gif *.bmp *.webp)</translation>
    </message>
</context>
<context>
    <name>GuardianshipTab</name>
    <message>
        <source>（未填）</source>
        <translation>(not filled in)</translation>
    </message>
    <message>
        <source>监护类型</source>
        <translation>Type of guardianship</translation>
    </message>
    <message>
        <source>委托监护人</source>
        <translation>Entrusted guardian</translation>
    </message>
    <message>
        <source>与儿童关系</source>
        <translation>Relationship to the child</translation>
    </message>
    <message>
        <source>委托监护人电话</source>
        <translation>Guardian&apos;s phone</translation>
    </message>
    <message>
        <source>委托监护人身份证号</source>
        <translation>Guardian&apos;s ID number</translation>
    </message>
    <message>
        <source>委托监护人住址</source>
        <translation>Guardian&apos;s address</translation>
    </message>
    <message>
        <source>委托监护协议已存档</source>
        <translation>Guardianship agreement on file</translation>
    </message>
    <message>
        <source>家庭经济来源</source>
        <translation>Family&apos;s income</translation>
    </message>
    <message>
        <source>救助帮扶情况</source>
        <translation>Assistance received</translation>
    </message>
    <message>
        <source>保存监护情况</source>
        <translation>Save guardianship</translation>
    </message>
    <message>
        <source>监护情况评估（按《农村留守儿童基本情况登记表》的定义）</source>
        <translation>Guardianship assessment (as defined by the rural left-behind children registration form)</translation>
    </message>
    <message>
        <source>委托监护时必填</source>
        <translation>Required for entrusted guardianship</translation>
    </message>
    <message>
        <source>监护情况已保存。</source>
        <translation>Guardianship saved.</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>儿童在站</source>
        <translation>Children here</translation>
    </message>
    <message>
        <source>志愿者在站</source>
        <translation>Volunteers here</translation>
    </message>
    <message>
        <source>今日到站人次</source>
        <translation>Visits today</translation>
    </message>
    <message>
        <source>在册儿童</source>
        <translation>Children registered</translation>
    </message>
    <message>
        <source>在册志愿者</source>
        <translation>Volunteers registered</translation>
    </message>
    <message>
        <source>本月活动</source>
        <translation>Activities this month</translation>
    </message>
    <message>
        <source>今日峰值在站儿童</source>
        <translation>Peak children here today</translation>
    </message>
    <message>
        <source>今日超出师生比（分钟）</source>
        <translation>Minutes over the ratio today</translation>
    </message>
    <message>
        <source>数据库：</source>
        <translation>Database: </translation>
    </message>
    <message>
        <source>不限</source>
        <translation>No limit</translation>
    </message>
</context>
<context>
    <name>HomeVisitsTab</name>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>家访人员</source>
        <translation>Visited by</translation>
    </message>
    <message>
        <source>见到的人</source>
        <translation>People met</translation>
    </message>
    <message>
        <source>需求</source>
        <translation>Needs</translation>
    </message>
    <message>
        <source>后续措施</source>
        <translation>Next steps</translation>
    </message>
    <message>
        <source>跟进</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>家访记录</source>
        <translation>Home visit record</translation>
    </message>
    <message>
        <source>年-月-日</source>
        <translation>year-month-day</translation>
    </message>
    <message>
        <source>有后续措施时填写，到期未完成会提醒</source>
        <translation>Fill in when there are next steps; you are reminded when they are overdue</translation>
    </message>
    <message>
        <source>家访日期</source>
        <translation>Visit date</translation>
    </message>
    <message>
        <source>了解到的情况</source>
        <translation>What was learned</translation>
    </message>
    <message>
        <source>跟进期限</source>
        <translation>Follow up by</translation>
    </message>
    <message>
        <source>新的家访</source>
        <translation>New home visit</translation>
    </message>
    <message>
        <source>保存家访记录</source>
        <translation>Save home visit</translation>
    </message>
    <message>
        <source>跟进已完成</source>
        <translation>Follow-up done</translation>
    </message>
    <message>
        <source>已完成 </source>
        <translation>Done </translation>
    </message>
    <message>
        <source>待跟进 </source>
        <translation>Due </translation>
    </message>
    <message>
        <source>保存修改</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <source>家访记录已保存。</source>
        <translation>Home visit saved.</translation>
    </message>
    <message>
        <source>家访记录已修改。</source>
        <translation>Home visit updated.</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>导入{0}名单</source>
        <translation>Import {0} list</translation>
    </message>
    <message>
        <source>第 1 步：选择 Excel（.xlsx）或 CSV 文件。第 2 步：看检查结果。第 3 步：导入。没有问题之前，不会写入任何内容。</source>
        <translation>Step 1: choose an Excel (.xlsx) or CSV file. Step 2: look at the check. Step 3: import. Nothing is written until there are no problems.</translation>
    </message>
    <message>
        <source>文件路径</source>
        <translation>File</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>检查文件</source>
        <translation>Check file</translation>
    </message>
    <message>
        <source>全部导入</source>
        <translation>Import all</translation>
    </message>
    <message>
        <source>只导入没有问题的行</source>
        <translation>Import only rows without problems</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>选择要导入的文件</source>
        <translation>Choose the file to import</translation>
    </message>
    <message>
        <source>表格文件 (*.xlsx *.xls *.ods *.csv)</source>
        <translation>Spreadsheets (*.xlsx *.xls *.ods *.csv)</translation>
    </message>
    <message>
        <source>请先选择文件。</source>
        <translation>Choose a file first.</translation>
    </message>
    <message>
        <source>正在检查…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>不能导入这个文件：</source>
        <translation>Cannot import this file: </translation>
    </message>
    <message>
        <source>文件没有问题，可以导入。</source>
        <translation>The file has no problems and can be imported.</translation>
    </message>
    <message>
        <source>请按下表改正文件后重新检查；也可以只导入没有问题的行。</source>
        <translation>Correct the file as listed below and check again, or import only the rows without problems.</translation>
    </message>
    <message>
        <source>未识别的列（不会导入）：</source>
        <translation>Columns not recognised (not imported): </translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>第 {0} 行“{1}”已在名单中，不会重复添加：</source>
        <translation>Row {0} &quot;{1}&quot; is already on the list and is not added again: </translation>
    </message>
    <message>
        <source>将新建队伍：</source>
        <translation>New teams to be created: </translation>
    </message>
    <message>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
</context>
<context>
    <name>ItemsPage</name>
    <message>
        <source>器材与图书</source>
        <translation>Equipment and books</translation>
    </message>
    <message>
        <source>扫描物品编码和孩子的卡；归还只扫物品</source>
        <translation>Scan the item&apos;s code and the child&apos;s card; to return, scan just the item</translation>
    </message>
    <message>
        <source>登记物品…</source>
        <translation>Register an item…</translation>
    </message>
    <message>
        <source>开始盘点</source>
        <translation>Start stocktake</translation>
    </message>
    <message>
        <source>只看逾期的</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>物品</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>孩子</source>
        <translation>Child</translation>
    </message>
    <message>
        <source>借出</source>
        <translation>Lend</translation>
    </message>
    <message>
        <source>应还</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>状况</source>
        <translation>Condition</translation>
    </message>
    <message>
        <source>存放</source>
        <translation>Kept at</translation>
    </message>
    <message>
        <source>借出中</source>
        <translation>Out now</translation>
    </message>
    <message>
        <source>台账</source>
        <translation>Inventory</translation>
    </message>
    <message>
        <source>{0} 天</source>
        <translation>{0} days</translation>
    </message>
    <message>
        <source>还没有借阅记录。</source>
        <translation>No loans yet.</translation>
    </message>
    <message>
        <source>盘点：已扫 {0} 件</source>
        <translation>Stocktake: {0} scanned</translation>
    </message>
    <message>
        <source>{0}：请扫描要借的物品。</source>
        <translation>{0}: scan the items to lend.</translation>
    </message>
    <message>
        <source>“{0}”已由 {1} 归还。</source>
        <translation>&quot;{0}&quot; returned by {1}.</translation>
    </message>
    <message>
        <source>“{0}”：请扫描孩子的卡。</source>
        <translation>&quot;{0}&quot;: scan the child&apos;s card.</translation>
    </message>
    <message>
        <source>“{0}”借给 {1}，应还日期 {2}。</source>
        <translation>&quot;{0}&quot; lent to {1}, due {2}.</translation>
    </message>
    <message>
        <source>正在借给：{0}（Esc 结束）</source>
        <translation>Lending to: {0} (Esc to finish)</translation>
    </message>
    <message>
        <source>待借出：{0}（Esc 放弃）</source>
        <translation>To lend: {0} (Esc to drop)</translation>
    </message>
    <message>
        <source>已登记，编码：{0}</source>
        <translation>Registered; codes: {0}</translation>
    </message>
    <message>
        <source>完成盘点</source>
        <translation>Finish stocktake</translation>
    </message>
    <message>
        <source>盘点中：把架子上的每一件都扫一下，扫完按“完成盘点”。</source>
        <translation>Stocktake: scan everything on the shelves, then press &quot;Finish stocktake&quot;.</translation>
    </message>
    <message>
        <source>盘点完成：找到 {0} 件，借出 {1} 件，缺少 {2} 件</source>
        <translation>Stocktake done: {0} found, {1} lent out, {2} missing</translation>
    </message>
    <message>
        <source>：{0}</source>
        <translation>: {0}</translation>
    </message>
</context>
<context>
    <name>KeepsInput</name>
    <message>
        <source>还没有保存</source>
        <translation>Not saved yet</translation>
    </message>
    <message>
        <source>刚才填写的内容还没有保存。放弃这些内容并关闭吗？</source>
        <translation>What you just filled in has not been saved. Throw it away and close?</translation>
    </message>
    <message>
        <source>继续填写</source>
        <translation>Keep editing</translation>
    </message>
    <message>
        <source>放弃并关闭</source>
        <translation>Discard and close</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>亲善之家前台</source>
        <translation>QSH Desk</translation>
    </message>
    <message>
        <source>值班志愿者</source>
        <translation>Duty volunteer</translation>
    </message>
    <message>
        <source>社工</source>
        <translation>Social worker</translation>
    </message>
    <message>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>男</source>
        <translation>Boy</translation>
    </message>
    <message>
        <source>女</source>
        <translation>Girl</translation>
    </message>
    <message>
        <source>祖父</source>
        <translation>Grandfather (paternal)</translation>
    </message>
    <message>
        <source>祖母</source>
        <translation>Grandmother (paternal)</translation>
    </message>
    <message>
        <source>外祖父</source>
        <translation>Grandfather (maternal)</translation>
    </message>
    <message>
        <source>外祖母</source>
        <translation>Grandmother (maternal)</translation>
    </message>
    <message>
        <source>父亲</source>
        <translation>Father</translation>
    </message>
    <message>
        <source>母亲</source>
        <translation>Mother</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>父母均外出</source>
        <translation>Both parents away</translation>
    </message>
    <message>
        <source>一方外出另一方无监护能力</source>
        <translation>One parent away, the other unable to care</translation>
    </message>
    <message>
        <source>委托监护</source>
        <translation>Entrusted guardianship</translation>
    </message>
    <message>
        <source>较好</source>
        <translation>Good</translation>
    </message>
    <message>
        <source>一般</source>
        <translation>Fair</translation>
    </message>
    <message>
        <source>差</source>
        <translation>Poor</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>视频</source>
        <translation>Video call</translation>
    </message>
    <message>
        <source>微信</source>
        <translation>WeChat</translation>
    </message>
    <message>
        <source>书信</source>
        <translation>Letter</translation>
    </message>
    <message>
        <source>回家探望</source>
        <translation>Visit home</translation>
    </message>
    <message>
        <source>站内亲情连线</source>
        <translation>Call home at the station</translation>
    </message>
    <message>
        <source>委托监护人较好履行监护职责，留守儿童生活、教育、身心健康等方面得到较好保障。</source>
        <translation>The guardian cares well for the child; the child&apos;s daily life, education and physical and mental health are well provided for.</translation>
    </message>
    <message>
        <source>委托监护人能基本履行监护职责，留守儿童生活、教育、身心发展等方面得到基本保障，但有产生行为偏差、心理失当等情况的潜在风险。</source>
        <translation>The guardian basically cares for the child; daily life, education and development are basically provided for, but there is a risk of behavioural or psychological problems.</translation>
    </message>
    <message>
        <source>无人监护、父母一方外出务工另一方无监护能力或委托监护人监护教育能力不足，留守儿童生活、教育、身心发展得不到有效保障，极易或已经出现行为偏差、心理失当、辍学、外出流浪乞讨等非正常情况。</source>
        <translation>Nobody cares for the child, or one parent is away and the other unable, or the guardian cannot cope; the child&apos;s daily life, education and development are not provided for, and problems such as behavioural or psychological trouble, dropping out of school or running away are very likely or already present.</translation>
    </message>
    <message>
        <source>打工收入</source>
        <translation>Wages from work</translation>
    </message>
    <message>
        <source>种养殖业</source>
        <translation>Farming</translation>
    </message>
    <message>
        <source>政府救助</source>
        <translation>Government aid</translation>
    </message>
    <message>
        <source>亲朋接济</source>
        <translation>Help from relatives and friends</translation>
    </message>
    <message>
        <source>低保</source>
        <translation>Minimum living allowance</translation>
    </message>
    <message>
        <source>临时救助</source>
        <translation>Temporary aid</translation>
    </message>
    <message>
        <source>医疗救助</source>
        <translation>Medical aid</translation>
    </message>
    <message>
        <source>住房救助</source>
        <translation>Housing aid</translation>
    </message>
    <message>
        <source>其他救助</source>
        <translation>Other aid</translation>
    </message>
    <message>
        <source>孩子</source>
        <translation>Child</translation>
    </message>
    <message>
        <source>父母</source>
        <translation>Parents</translation>
    </message>
    <message>
        <source>站点</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>开心</source>
        <translation>Happy</translation>
    </message>
    <message>
        <source>平静</source>
        <translation>Calm</translation>
    </message>
    <message>
        <source>想念</source>
        <translation>Missing them</translation>
    </message>
    <message>
        <source>低落</source>
        <translation>Low</translation>
    </message>
    <message>
        <source>兴奋</source>
        <translation>Excited</translation>
    </message>
    <message>
        <source>哭了</source>
        <translation>Cried</translation>
    </message>
    <message>
        <source>亲子联系</source>
        <translation>Parent contact</translation>
    </message>
    <message>
        <source>家访</source>
        <translation>Home visit</translation>
    </message>
    <message>
        <source>参加活动</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>到站</source>
        <translation>At the station</translation>
    </message>
    <message>
        <source>新建</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>查看</source>
        <translation>View</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Login</translation>
    </message>
    <message>
        <source>登录失败</source>
        <translation>Failed login</translation>
    </message>
    <message>
        <source>账号锁定</source>
        <translation>Account locked</translation>
    </message>
    <message>
        <source>越权被拒</source>
        <translation>Refused (no permission)</translation>
    </message>
    <message>
        <source>重置密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>设置 PIN 码</source>
        <translation>Set PIN</translation>
    </message>
    <message>
        <source>删除 PIN 码</source>
        <translation>Remove PIN</translation>
    </message>
    <message>
        <source>用恢复码设密码</source>
        <translation>Password set with the recovery code</translation>
    </message>
    <message>
        <source>换新</source>
        <translation>Replace</translation>
    </message>
    <message>
        <source>恢复码</source>
        <translation>Recovery code</translation>
    </message>
    <message>
        <source>志愿服务时长取整（分钟）</source>
        <translation>Round volunteer hours to (minutes)</translation>
    </message>
    <message>
        <source>签到表预填儿童</source>
        <translation>Children pre-filled on the sign-in sheet</translation>
    </message>
    <message>
        <source>签到表预填：最近几周来过的儿童</source>
        <translation>Sign-in sheet: children who came in the last weeks</translation>
    </message>
    <message>
        <source>多少天无亲子联系时提醒</source>
        <translation>Remind after this many days without parent contact</translation>
    </message>
    <message>
        <source>多少周未参加活动时提醒</source>
        <translation>Remind after this many weeks without an activity</translation>
    </message>
    <message>
        <source>结对帮扶应多久走访一次（天）</source>
        <translation>Pairing visits due every (days)</translation>
    </message>
    <message>
        <source>签到台可撤销的时间（分钟）</source>
        <translation>Desk undo allowed for (minutes)</translation>
    </message>
    <message>
        <source>开放时间</source>
        <translation>Opening time</translation>
    </message>
    <message>
        <source>闭馆时间</source>
        <translation>Closing time</translation>
    </message>
    <message>
        <source>场地最多容纳儿童</source>
        <translation>Most children the room holds</translation>
    </message>
    <message>
        <source>每名志愿者最多照看儿童</source>
        <translation>Most children per volunteer</translation>
    </message>
    <message>
        <source>微心愿金额上限（元；超过需社工或管理员批准）</source>
        <translation>Small-wish value cap (yuan; above it a social worker or administrator approves)</translation>
    </message>
    <message>
        <source>微心愿认领后多少天未圆梦时提醒</source>
        <translation>Flag a claimed wish not fulfilled after this many days</translation>
    </message>
    <message>
        <source>图书借阅期限（天）</source>
        <translation>Loan period for books (days)</translation>
    </message>
    <message>
        <source>器材玩具借用期限（天）</source>
        <translation>Loan period for equipment and toys (days)</translation>
    </message>
    <message>
        <source>站点电话（印在给爸爸妈妈的信上）</source>
        <translation>Station phone (printed on the letters to the parents)</translation>
    </message>
    <message>
        <source>儿童每日签到表</source>
        <translation>Children&apos;s daily sign-in sheet</translation>
    </message>
    <message>
        <source>志愿者签到表</source>
        <translation>Volunteer sign-in sheet</translation>
    </message>
    <message>
        <source>月度考勤表</source>
        <translation>Monthly attendance</translation>
    </message>
    <message>
        <source>活动记录表</source>
        <translation>Activity record</translation>
    </message>
    <message>
        <source>留守儿童花名册</source>
        <translation>Roster of left-behind children</translation>
    </message>
    <message>
        <source>家访记录表</source>
        <translation>Home visit record form</translation>
    </message>
    <message>
        <source>志愿服务时长证明</source>
        <translation>Volunteer hours certificate</translation>
    </message>
    <message>
        <source>儿童卡 / 接送卡</source>
        <translation>Child cards / pick-up cards</translation>
    </message>
    <message>
        <source>值班表</source>
        <translation>Duty rota</translation>
    </message>
    <message>
        <source>月度活动计划表</source>
        <translation>Monthly activity plan</translation>
    </message>
    <message>
        <source>微心愿认领榜</source>
        <translation>Small-wish board</translation>
    </message>
    <message>
        <source>微心愿圆梦记录</source>
        <translation>Small-wish record</translation>
    </message>
    <message>
        <source>器材台账</source>
        <translation>Equipment register</translation>
    </message>
    <message>
        <source>借阅登记表</source>
        <translation>Loan register</translation>
    </message>
    <message>
        <source>物品标签</source>
        <translation>Item labels</translation>
    </message>
    <message>
        <source>逾期提醒</source>
        <translation>Overdue reminders</translation>
    </message>
    <message>
        <source>给爸爸妈妈的信</source>
        <translation>Letter to the parents</translation>
    </message>
    <message>
        <source>给爸爸妈妈的信（全部）</source>
        <translation>Letters to the parents (all)</translation>
    </message>
    <message>
        <source>在职党员进社区服务情况反馈表</source>
        <translation>Party members&apos; community service feedback form</translation>
    </message>
    <message>
        <source>中共党员</source>
        <translation>CPC member</translation>
    </message>
    <message>
        <source>中共预备党员</source>
        <translation>CPC probationary member</translation>
    </message>
    <message>
        <source>共青团员</source>
        <translation>Communist Youth League member</translation>
    </message>
    <message>
        <source>民主党派成员</source>
        <translation>Democratic party member</translation>
    </message>
    <message>
        <source>无党派人士</source>
        <translation>No party affiliation</translation>
    </message>
    <message>
        <source>群众</source>
        <translation>Ordinary citizen</translation>
    </message>
    <message>
        <source>居民身份证</source>
        <translation>Resident ID card</translation>
    </message>
    <message>
        <source>港澳居民来往内地通行证</source>
        <translation>Mainland travel permit (Hong Kong/Macao)</translation>
    </message>
    <message>
        <source>台湾居民来往大陆通行证</source>
        <translation>Mainland travel permit (Taiwan)</translation>
    </message>
    <message>
        <source>护照</source>
        <translation>Passport</translation>
    </message>
    <message>
        <source>外国人永久居留身份证</source>
        <translation>Foreigner&apos;s permanent residence ID</translation>
    </message>
    <message>
        <source>活动照片</source>
        <translation>Session photo</translation>
    </message>
    <message>
        <source>志愿服务记录</source>
        <translation>Volunteer service records</translation>
    </message>
    <message>
        <source>双报到反馈表</source>
        <translation>Party-unit feedback form</translation>
    </message>
    <message>
        <source>在职党员报到统计</source>
        <translation>Party members&apos; reporting summary</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>老师的话</source>
        <translation>Teacher&apos;s words</translation>
    </message>
    <message>
        <source>孩子的话</source>
        <translation>Child&apos;s words</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>How</translation>
    </message>
    <message>
        <source>工作单位</source>
        <translation>Employer</translation>
    </message>
    <message>
        <source>政治面貌</source>
        <translation>Political status</translation>
    </message>
    <message>
        <source>在职党员</source>
        <translation>In-service party member</translation>
    </message>
    <message>
        <source>单位党组织</source>
        <translation>Unit&apos;s party organisation</translation>
    </message>
    <message>
        <source>证件类型</source>
        <translation>ID type</translation>
    </message>
    <message>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>每日首次启动</source>
        <translation>First start of the day</translation>
    </message>
    <message>
        <source>退出时</source>
        <translation>On exit</translation>
    </message>
    <message>
        <source>手动</source>
        <translation>By hand</translation>
    </message>
    <message>
        <source>升级前</source>
        <translation>Before upgrade</translation>
    </message>
    <message>
        <source>恢复前</source>
        <translation>Before restore</translation>
    </message>
    <message>
        <source>月</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>季度</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <source>年</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>自定义</source>
        <translation>Custom</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>民族</source>
        <translation>Ethnic group</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>户籍地</source>
        <translation>Registered residence</translation>
    </message>
    <message>
        <source>现居住地</source>
        <translation>Current address</translation>
    </message>
    <message>
        <source>学校</source>
        <translation>School</translation>
    </message>
    <message>
        <source>年级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>是否住校</source>
        <translation>Boards at school</translation>
    </message>
    <message>
        <source>健康状况</source>
        <translation>Health</translation>
    </message>
    <message>
        <source>过敏/疾病提示</source>
        <translation>Allergy/illness note</translation>
    </message>
    <message>
        <source>过敏与疾病详情</source>
        <translation>Allergy and illness details</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>姓名首字母</source>
        <translation>Name initials</translation>
    </message>
    <message>
        <source>同意保存儿童信息</source>
        <translation>Consent to keep the child&apos;s data</translation>
    </message>
    <message>
        <source>同意儿童自行回家</source>
        <translation>Consent to go home alone</translation>
    </message>
    <message>
        <source>同意上微心愿榜</source>
        <translation>Consents to the small-wish board</translation>
    </message>
    <message>
        <source>同意使用儿童照片</source>
        <translation>Consent to use the child&apos;s photos</translation>
    </message>
    <message>
        <source>儿童</source>
        <translation>Child</translation>
    </message>
    <message>
        <source>志愿者</source>
        <translation>Volunteer</translation>
    </message>
    <message>
        <source>数据库正被另一个程序使用。请稍等片刻再试；如果一直这样，请关闭其他打开本数据库的程序。</source>
        <translation>The database is in use by another program. Wait a moment and try again; if it stays like this, close the other programs using this database.</translation>
    </message>
    <message>
        <source>磁盘已满，数据没有保存。请清理磁盘空间后再试。</source>
        <translation>The disk is full; nothing was saved. Free some disk space and try again.</translation>
    </message>
    <message>
        <source>数据库所在的文件夹不能写入。请检查文件夹权限，或把数据库放到可写的位置。</source>
        <translation>The database&apos;s folder cannot be written to. Check the folder&apos;s permissions or move the database somewhere writable.</translation>
    </message>
    <message>
        <source>数据库文件已损坏，读不出来。请用“qsh-desk check”检查；需要时由管理员从备份恢复。</source>
        <translation>The database file is damaged and cannot be read. Check it with “qsh-desk check”; an administrator can restore a backup if needed.</translation>
    </message>
    <message>
        <source>连接不上数据库服务器。请检查网络和服务器是否开机，然后再试。</source>
        <translation>Cannot connect to the database server. Check the network and that the server is on, then try again.</translation>
    </message>
    <message>
        <source>数据库文件不能读取（没有权限）。请检查这个文件和它所在文件夹的权限，然后再试；数据库文件未作改动。</source>
        <translation>The database file cannot be read (no permission). Check the permissions of the file and its folder, then try again; the database file was not changed.</translation>
    </message>
    <message>
        <source>读写数据库文件时磁盘出错（这不是数据库损坏）。请检查磁盘空间、文件夹权限，U 盘或网络盘是否连接好，然后再试；数据库文件未作改动。</source>
        <translation>The disk failed while reading or writing the database file (the database is not damaged). Check the free space, the folder&apos;s permissions and that a USB stick or network drive is connected, then try again; the database file was not changed.</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>签到</source>
        <translation>In</translation>
    </message>
    <message>
        <source>签退</source>
        <translation>Check out</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>更正时间</source>
        <translation>Time corrected</translation>
    </message>
    <message>
        <source>补录</source>
        <translation>Backfilled</translation>
    </message>
    <message>
        <source>归档</source>
        <translation>Archive</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <source>备份</source>
        <translation>Backups</translation>
    </message>
    <message>
        <source>账号</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>数据库</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>演示数据</source>
        <translation>Demo data</translation>
    </message>
    <message>
        <source>操作日志</source>
        <translation>Activity log</translation>
    </message>
    <message>
        <source>儿童名单</source>
        <translation>Children list</translation>
    </message>
    <message>
        <source>健康详情</source>
        <translation>Health details</translation>
    </message>
    <message>
        <source>同意书</source>
        <translation>Consent</translation>
    </message>
    <message>
        <source>志愿者名单</source>
        <translation>Volunteer list</translation>
    </message>
    <message>
        <source>队伍</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>儿童到站</source>
        <translation>Child visit</translation>
    </message>
    <message>
        <source>志愿者值班</source>
        <translation>Volunteer shift</translation>
    </message>
    <message>
        <source>到站记录</source>
        <translation>Visits</translation>
    </message>
    <message>
        <source>在站名单</source>
        <translation>Here now</translation>
    </message>
    <message>
        <source>签到台搜索</source>
        <translation>Desk search</translation>
    </message>
    <message>
        <source>闭馆</source>
        <translation>Close for the day</translation>
    </message>
    <message>
        <source>闭馆电话</source>
        <translation>Closing call</translation>
    </message>
    <message>
        <source>父母档案</source>
        <translation>Parent archive</translation>
    </message>
    <message>
        <source>父母档案搜索</source>
        <translation>Parent archive search</translation>
    </message>
    <message>
        <source>父母档案时间线</source>
        <translation>Parent archive timeline</translation>
    </message>
    <message>
        <source>父母档案提醒</source>
        <translation>Parent archive alerts</translation>
    </message>
    <message>
        <source>父母档案导出</source>
        <translation>Parent archive export</translation>
    </message>
    <message>
        <source>监护情况</source>
        <translation>Guardianship</translation>
    </message>
    <message>
        <source>跟进</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>花名册</source>
        <translation>Roster</translation>
    </message>
    <message>
        <source>时长证明</source>
        <translation>Hours certificate</translation>
    </message>
    <message>
        <source>活动记录</source>
        <translation>Activities</translation>
    </message>
    <message>
        <source>十个梦类别</source>
        <translation>Dream categories</translation>
    </message>
    <message>
        <source>十个梦顺序</source>
        <translation>Order of the dreams</translation>
    </message>
    <message>
        <source>十个梦统计</source>
        <translation>Dream statistics</translation>
    </message>
    <message>
        <source>梦想护照</source>
        <translation>Dream passport</translation>
    </message>
    <message>
        <source>结对帮扶</source>
        <translation>Pairings</translation>
    </message>
    <message>
        <source>结对走访</source>
        <translation>Pairing visit</translation>
    </message>
    <message>
        <source>开放日历</source>
        <translation>Opening calendar</translation>
    </message>
    <message>
        <source>值班岗位</source>
        <translation>Duty post</translation>
    </message>
    <message>
        <source>值班安排</source>
        <translation>Duty assignment</translation>
    </message>
    <message>
        <source>值班缺人联系</source>
        <translation>Volunteers to call for a gap</translation>
    </message>
    <message>
        <source>活动计划</source>
        <translation>Activity plans</translation>
    </message>
    <message>
        <source>概览</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>恢复备份</source>
        <translation>Restore backup</translation>
    </message>
    <message>
        <source>导入儿童名单</source>
        <translation>Import of children</translation>
    </message>
    <message>
        <source>导入志愿者名单</source>
        <translation>Import of volunteers</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>由</source>
        <translation>By</translation>
    </message>
    <message>
        <source>同</source>
        <translation>With</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <source>到</source>
        <translation>To</translation>
    </message>
    <message>
        <source>修改前</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>修改后</source>
        <translation>After</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>提醒</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>卡号</source>
        <translation>Card number</translation>
    </message>
    <message>
        <source>所需权限</source>
        <translation>Permission needed</translation>
    </message>
    <message>
        <source>第几次</source>
        <translation>Attempt</translation>
    </message>
    <message>
        <source>连续输错</source>
        <translation>Failures in a row</translation>
    </message>
    <message>
        <source>有 PIN 码</source>
        <translation>Has a PIN</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>行数</source>
        <translation>Rows</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <source>重复</source>
        <translation>Duplicates</translation>
    </message>
    <message>
        <source>跳过的行</source>
        <translation>Rows skipped</translation>
    </message>
    <message>
        <source>人员</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>在站儿童</source>
        <translation>Children here</translation>
    </message>
    <message>
        <source>在站</source>
        <translation>Here</translation>
    </message>
    <message>
        <source>亲情连线</source>
        <translation>Call home</translation>
    </message>
    <message>
        <source>历史记录</source>
        <translation>History</translation>
    </message>
    <message>
        <source>主题</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>梦</source>
        <translation>Dream</translation>
    </message>
    <message>
        <source>开始时间</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>结束日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>目标</source>
        <translation>Goal</translation>
    </message>
    <message>
        <source>走访间隔（天）</source>
        <translation>Visit interval (days)</translation>
    </message>
    <message>
        <source>走访日期</source>
        <translation>Visit date</translation>
    </message>
    <message>
        <source>结对</source>
        <translation>Paired</translation>
    </message>
    <message>
        <source>岗位</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>自己认领</source>
        <translation>Claimed</translation>
    </message>
    <message>
        <source>取消原因</source>
        <translation>Reason for cancelling</translation>
    </message>
    <message>
        <source>同意人</source>
        <translation>Given by</translation>
    </message>
    <message>
        <source>同意日期</source>
        <translation>Date given</translation>
    </message>
    <message>
        <source>同意范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <source>撤回日期</source>
        <translation>Withdrawn on</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>补打</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <source>完整号码</source>
        <translation>Full numbers</translation>
    </message>
    <message>
        <source>随机种子</source>
        <translation>Random seed</translation>
    </message>
    <message>
        <source>设置项</source>
        <translation>Setting</translation>
    </message>
    <message>
        <source>撤销了</source>
        <translation>Undid</translation>
    </message>
    <message>
        <source>撤销的记录</source>
        <translation>Record undone</translation>
    </message>
    <message>
        <source>首次设置</source>
        <translation>First setup</translation>
    </message>
    <message>
        <source>未联系</source>
        <translation>No contact</translation>
    </message>
    <message>
        <source>逾期跟进</source>
        <translation>Overdue follow-ups</translation>
    </message>
    <message>
        <source>监护差</source>
        <translation>Poor care</translation>
    </message>
    <message>
        <source>即将回家</source>
        <translation>Coming home soon</translation>
    </message>
    <message>
        <source>签到时间</source>
        <translation>Check-in time</translation>
    </message>
    <message>
        <source>签退时间</source>
        <translation>Check-out time</translation>
    </message>
    <message>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>结束</source>
        <translation>End</translation>
    </message>
    <message>
        <source>接送人</source>
        <translation>Collected by</translation>
    </message>
    <message>
        <source>接送人关系</source>
        <translation>Collector&apos;s relation</translation>
    </message>
    <message>
        <source>接送人电话</source>
        <translation>Collector&apos;s phone</translation>
    </message>
    <message>
        <source>自行回家</source>
        <translation>Went home alone</translation>
    </message>
    <message>
        <source>时长</source>
        <translation>Length</translation>
    </message>
    <message>
        <source>内容摘要</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>照片</source>
        <translation>Photo</translation>
    </message>
    <message>
        <source>在用</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>值</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>跟进完成日期</source>
        <translation>Follow-up done on</translation>
    </message>
    <message>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>：</source>
        <translation>: </translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <source>认领</source>
        <translation>Claim</translation>
    </message>
    <message>
        <source>圆梦</source>
        <translation>Fulfil</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>批准</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>微心愿</source>
        <translation>Small wish</translation>
    </message>
    <message>
        <source>微心愿统计</source>
        <translation>Small-wish statistics</translation>
    </message>
    <message>
        <source>心愿</source>
        <translation>Wish</translation>
    </message>
    <message>
        <source>估计金额（元）</source>
        <translation>Estimated value (yuan)</translation>
    </message>
    <message>
        <source>认领方</source>
        <translation>Claimed by</translation>
    </message>
    <message>
        <source>认领人</source>
        <translation>Claimed by</translation>
    </message>
    <message>
        <source>认领单位</source>
        <translation>Claiming unit</translation>
    </message>
    <message>
        <source>认领人电话</source>
        <translation>Claimer&apos;s phone</translation>
    </message>
    <message>
        <source>圆梦日期</source>
        <translation>Fulfilled on</translation>
    </message>
    <message>
        <source>送达方式</source>
        <translation>How delivered</translation>
    </message>
    <message>
        <source>孩子的感谢</source>
        <translation>The child&apos;s thanks</translation>
    </message>
    <message>
        <source>批准人</source>
        <translation>Approved by</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>借出</source>
        <translation>Lend</translation>
    </message>
    <message>
        <source>归还</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>器材图书</source>
        <translation>Equipment and books</translation>
    </message>
    <message>
        <source>借阅</source>
        <translation>Loan</translation>
    </message>
    <message>
        <source>盘点</source>
        <translation>Stocktake</translation>
    </message>
    <message>
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>应还日期</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>状况</source>
        <translation>Condition</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>捐赠人</source>
        <translation>Donor</translation>
    </message>
    <message>
        <source>缺少</source>
        <translation>Missing</translation>
    </message>
    <message>
        <source>ISBN</source>
        <translation>ISBN</translation>
    </message>
    <message>
        <source>周一</source>
        <translation>Mon</translation>
    </message>
    <message>
        <source>周二</source>
        <translation>Tue</translation>
    </message>
    <message>
        <source>周三</source>
        <translation>Wed</translation>
    </message>
    <message>
        <source>周四</source>
        <translation>Thu</translation>
    </message>
    <message>
        <source>周五</source>
        <translation>Fri</translation>
    </message>
    <message>
        <source>周六</source>
        <translation>Sat</translation>
    </message>
    <message>
        <source>周日</source>
        <translation>Sun</translation>
    </message>
</context>
<context>
    <name>LetterWordsDialog</name>
    <message>
        <source>信里的话：{0}（{1}）</source>
        <translation>Words for the letter: {0} ({1})</translation>
    </message>
    <message>
        <source>老师想对爸爸妈妈说的几句话（最多 {0} 字）</source>
        <translation>A few words from the teacher to the parents (at most {0} characters)</translation>
    </message>
    <message>
        <source>孩子想说的话，照孩子的原话写（最多 {0} 字）</source>
        <translation>What the child wants to say, in the child&apos;s own words (at most {0} characters)</translation>
    </message>
    <message>
        <source>老师的话</source>
        <translation>Teacher&apos;s words</translation>
    </message>
    <message>
        <source>孩子的话</source>
        <translation>Child&apos;s words</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>{0} / {1} 字</source>
        <translation>{0} / {1} characters</translation>
    </message>
</context>
<context>
    <name>LoginPanel</name>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>密码或 PIN</source>
        <translation>Password or PIN</translation>
    </message>
    <message>
        <source>恢复码</source>
        <translation>Recovery code</translation>
    </message>
    <message>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>再输一次新密码</source>
        <translation>New password again</translation>
    </message>
    <message>
        <source>忘记管理员密码？</source>
        <translation>Forgot the administrator&apos;s password?</translation>
    </message>
    <message>
        <source>用恢复码设新密码</source>
        <translation>Set a new password with the recovery code</translation>
    </message>
    <message>
        <source>请输入管理员的用户名、首次设置时抄下的恢复码（字母不分大小写，横线可以不输）和新密码。值班志愿者和社工忘记密码时，请找管理员重设。</source>
        <translation>Enter the administrator&apos;s user name, the recovery code written down at the first start (letters in any case, dashes optional) and a new password. Volunteers and social workers who forgot theirs: ask an administrator to reset it.</translation>
    </message>
    <message>
        <source>设新密码</source>
        <translation>Set new password</translation>
    </message>
    <message>
        <source>返回登录</source>
        <translation>Back to login</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>请登录。值班志愿者可以用 PIN 码代替密码。</source>
        <translation>Please log in. Volunteers on duty can use their PIN instead of a password.</translation>
    </message>
    <message>
        <source>屏幕已锁定</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <source>{name}（{role}）正在使用。输入密码继续，刚才没填完的内容都还在。换人时请输入自己的用户名。</source>
        <translation>{name} ({role}) is using it. Enter the password to go on; anything half-filled is still there. Someone else: enter your own user name.</translation>
    </message>
    <message>
        <source>正在打开数据库，请稍候…</source>
        <translation>Opening the database, one moment…</translation>
    </message>
    <message>
        <source>两次输入的新密码不一样，请再输入一次。</source>
        <translation>The two new passwords differ; please enter it again.</translation>
    </message>
    <message>
        <source>已为 {name} 设好新密码（账号已启用、解除锁定）。纸上的旧恢复码已经作废；下面是新的恢复码，请抄下替换旧的，收好。然后用新密码登录。</source>
        <translation>{name} has a new password (the account is enabled and unlocked). The old recovery code on paper no longer works; below is the new one: write it down in its place and keep it safe. Then log in with the new password.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>正在打开数据库…</source>
        <translation>Opening the database…</translation>
    </message>
    <message>
        <source>切换用户/锁定 (Ctrl+L)</source>
        <translation>Switch user / lock (Ctrl+L)</translation>
    </message>
    <message>
        <source>离开电脑时锁定屏幕；别人可以用自己的账号登录</source>
        <translation>Lock the screen when you leave the PC; others can log in with their own account</translation>
    </message>
    <message>
        <source>数据库：</source>
        <translation>Database: </translation>
    </message>
    <message>
        <source>站点：</source>
        <translation>Station: </translation>
    </message>
    <message>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>当前用户：</source>
        <translation>Signed in: </translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>等</source>
        <translation> and others</translation>
    </message>
    <message>
        <source>还有儿童在站</source>
        <translation>Children are still here</translation>
    </message>
    <message>
        <source>还有 {0} 名儿童在站：{1}。

请先为他们签退。现在关闭程序，他们会一直记为在站，下次打开时仍在在站名单里。</source>
        <translation>{0} children are still here: {1}.

Please check them out first. If the program closes now, they stay recorded as here and are still on the list next time.</translation>
    </message>
    <message>
        <source>返回签到台</source>
        <translation>Back to the desk</translation>
    </message>
    <message>
        <source>仍然关闭</source>
        <translation>Close anyway</translation>
    </message>
    <message>
        <source>正在恢复备份…</source>
        <translation>Restoring the backup…</translation>
    </message>
</context>
<context>
    <name>MyAccountPage</name>
    <message>
        <source>我的账号</source>
        <translation>My account</translation>
    </message>
    <message>
        <source>用户名：{0}&#x3000;角色：{1}</source>
        <translation>User name: {0}   Role: {1}</translation>
    </message>
    <message>
        <source>离开电脑时请按 Ctrl+L 锁定屏幕；没填完的内容会保留。</source>
        <translation>Press Ctrl+L to lock the screen when you leave the PC; half-filled forms are kept.</translation>
    </message>
    <message>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>至少 {n} 个字符</source>
        <translation>At least {n} characters</translation>
    </message>
    <message>
        <source>原密码</source>
        <translation>Current password</translation>
    </message>
    <message>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>再输一次新密码</source>
        <translation>New password again</translation>
    </message>
    <message>
        <source>两次输入的新密码不一样，请再输入一次。</source>
        <translation>The two new passwords differ; please enter it again.</translation>
    </message>
    <message>
        <source>密码已修改。下次登录请用新密码。</source>
        <translation>Password changed. Use the new password next time you log in.</translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <source>父母档案</source>
        <translation>Parent archive</translation>
    </message>
    <message>
        <source>操作日志</source>
        <translation>Activity log</translation>
    </message>
    <message>
        <source>备份</source>
        <translation>Backups</translation>
    </message>
    <message>
        <source>儿童</source>
        <translation>Children</translation>
    </message>
    <message>
        <source>签到台</source>
        <translation>Desk</translation>
    </message>
    <message>
        <source>十个梦</source>
        <translation>Ten dreams</translation>
    </message>
    <message>
        <source>排班与计划</source>
        <translation>Rota and plans</translation>
    </message>
    <message>
        <source>概览</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>统计</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <source>账号</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>我的账号</source>
        <translation>My account</translation>
    </message>
    <message>
        <source>志愿者</source>
        <translation>Volunteers</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>器材与图书</source>
        <translation>Equipment and books</translation>
    </message>
    <message>
        <source>微心愿</source>
        <translation>Small wish</translation>
    </message>
</context>
<context>
    <name>PairingDialog</name>
    <message>
        <source>新建结对</source>
        <translation>New pairing</translation>
    </message>
    <message>
        <source>志愿者或党员：姓名或拼音</source>
        <translation>Volunteer or Party member: name or pinyin</translation>
    </message>
    <message>
        <source>儿童：姓名或拼音</source>
        <translation>Child: name or pinyin</translation>
    </message>
    <message>
        <source>按本站规则</source>
        <translation>Station&apos;s rule</translation>
    </message>
    <message>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <source>志愿者</source>
        <translation>Volunteer</translation>
    </message>
    <message>
        <source>儿童</source>
        <translation>Child</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>帮扶目标</source>
        <translation>Goal of the support</translation>
    </message>
    <message>
        <source>多久走访一次</source>
        <translation>Visit every</translation>
    </message>
    <message>
        <source>请先搜索并选好志愿者和儿童。</source>
        <translation>Search for and select a volunteer and a child first.</translation>
    </message>
</context>
<context>
    <name>PairingsTab</name>
    <message>
        <source>只看逾期未走访的</source>
        <translation>Only overdue visits</translation>
    </message>
    <message>
        <source>志愿者</source>
        <translation>Volunteer</translation>
    </message>
    <message>
        <source>儿童</source>
        <translation>Child</translation>
    </message>
    <message>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>目标</source>
        <translation>Goal</translation>
    </message>
    <message>
        <source>走访次数</source>
        <translation>Visits</translation>
    </message>
    <message>
        <source>上次走访</source>
        <translation>Last visit</translation>
    </message>
    <message>
        <source>应走访日期</source>
        <translation>Visit due</translation>
    </message>
    <message>
        <source>逾期天数</source>
        <translation>Days overdue</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>How</translation>
    </message>
    <message>
        <source>做了什么</source>
        <translation>What was done</translation>
    </message>
    <message>
        <source>送了什么</source>
        <translation>What was given</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next step</translation>
    </message>
    <message>
        <source>新建结对</source>
        <translation>New pairing</translation>
    </message>
    <message>
        <source>记录走访</source>
        <translation>Record a visit</translation>
    </message>
    <message>
        <source>结束结对</source>
        <translation>End pairing</translation>
    </message>
    <message>
        <source>所选结对的走访记录</source>
        <translation>Visits of the selected pairing</translation>
    </message>
    <message>
        <source>尚未走访</source>
        <translation>Not visited yet</translation>
    </message>
    <message>
        <source>结对 {0} 个，其中 {1} 个逾期未走访</source>
        <translation>{0} pairings, {1} with an overdue visit</translation>
    </message>
    <message>
        <source>结对已建立。</source>
        <translation>Pairing created.</translation>
    </message>
    <message>
        <source>请先在列表里选一个结对。</source>
        <translation>Select a pairing in the list first.</translation>
    </message>
    <message>
        <source>走访已记录。</source>
        <translation>Visit recorded.</translation>
    </message>
    <message>
        <source>结对已结束（记录保留）。</source>
        <translation>Pairing ended (its records are kept).</translation>
    </message>
</context>
<context>
    <name>ParentsTab</name>
    <message>
        <source>关系</source>
        <translation>Relationship</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>务工地</source>
        <translation>Works in</translation>
    </message>
    <message>
        <source>单位 / 职业</source>
        <translation>Employer / job</translation>
    </message>
    <message>
        <source>回家频率</source>
        <translation>Comes home</translation>
    </message>
    <message>
        <source>上次回家</source>
        <translation>Last home</translation>
    </message>
    <message>
        <source>下次计划回家</source>
        <translation>Next planned visit home</translation>
    </message>
    <message>
        <source>父母信息</source>
        <translation>Parent details</translation>
    </message>
    <message>
        <source>电话2</source>
        <translation>Phone 2</translation>
    </message>
    <message>
        <source>微信</source>
        <translation>WeChat</translation>
    </message>
    <message>
        <source>务工省份</source>
        <translation>Works in (province)</translation>
    </message>
    <message>
        <source>务工城市</source>
        <translation>Works in (city)</translation>
    </message>
    <message>
        <source>务工地址</source>
        <translation>Work address</translation>
    </message>
    <message>
        <source>工作单位</source>
        <translation>Employer</translation>
    </message>
    <message>
        <source>职业</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>年-月-日，可不填</source>
        <translation>year-month-day, optional</translation>
    </message>
    <message>
        <source>每年春节 / 每季度 …</source>
        <translation>Every Spring Festival / every quarter …</translation>
    </message>
    <message>
        <source>新增一位</source>
        <translation>Add a parent</translation>
    </message>
    <message>
        <source>保存父母信息</source>
        <translation>Save parent details</translation>
    </message>
    <message>
        <source>删除这位</source>
        <translation>Delete this parent</translation>
    </message>
    <message>
        <source>保存修改</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <source>已添加：</source>
        <translation>Added: </translation>
    </message>
    <message>
        <source>已保存修改：</source>
        <translation>Changes saved: </translation>
    </message>
    <message>
        <source>已删除：</source>
        <translation>Deleted: </translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>口令</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>再输一次</source>
        <translation>Again</translation>
    </message>
    <message>
        <source>两次输入的口令不一样，请再输入一次。</source>
        <translation>The two passphrases differ; please enter it again.</translation>
    </message>
    <message>
        <source>加密 U 盘上的备份</source>
        <translation>Seal the backups on the USB stick</translation>
    </message>
    <message>
        <source>定一个口令（至少 10 个字符，可以是一句好记的话）。以后复制到第二备份文件夹的备份都用它加密；这台电脑记住由它算出的密钥，所以每天的自动备份不用再输入。口令本身请管理员抄在纸上收好：换电脑恢复时要用，忘了就打不开 U 盘上的备份。</source>
        <translation>Choose a passphrase (at least 10 characters; a sentence that is easy to remember). Backups copied to the second folder are encrypted with it from now on; this PC keeps the key derived from it, so the daily automatic backups need nobody to type it. The administrator writes the passphrase itself down and keeps it safe: restoring on another PC needs it, and without it the backups on the stick cannot be opened.</translation>
    </message>
    <message>
        <source>加密的备份</source>
        <translation>Sealed backup</translation>
    </message>
    <message>
        <source>这份备份是加密的，不是这台电脑现在的口令加密的。请输入加密时定的口令。</source>
        <translation>This backup is sealed, and not with this PC&apos;s current passphrase. Enter the passphrase it was sealed with.</translation>
    </message>
</context>
<context>
    <name>PersonPicker</name>
    <message>
        <source>没有找到</source>
        <translation>Nothing found</translation>
    </message>
</context>
<context>
    <name>PhotoChildrenDialog</name>
    <message>
        <source>照片里的孩子</source>
        <translation>Children in the photo</translation>
    </message>
    <message>
        <source>勾选照片里能认出的孩子。只有每个孩子都有照片同意书时，这张照片才会印在给爸爸妈妈的信上。</source>
        <translation>Tick the children who can be recognised in the photo. The photo is printed on a letter to parents only when every one of them has a photo consent.</translation>
    </message>
    <message>
        <source>这次活动的参与儿童</source>
        <translation>Children who took part in this session</translation>
    </message>
    <message>
        <source>名儿童</source>
        <translation>children</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>PlanDialog</name>
    <message>
        <source>新增活动计划</source>
        <translation>New activity plan</translation>
    </message>
    <message>
        <source>亲善之家活动室</source>
        <translation>Activity room</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>梦</source>
        <translation>Dream</translation>
    </message>
    <message>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>结束</source>
        <translation>End</translation>
    </message>
    <message>
        <source>主题</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>材料</source>
        <translation>Materials</translation>
    </message>
</context>
<context>
    <name>PrintPage</name>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>文档</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>姓名、卡号或编号</source>
        <translation>Name, card number or ID</translation>
    </message>
    <message>
        <source>儿童姓名或卡号</source>
        <translation>Child&apos;s name or card number</translation>
    </message>
    <message>
        <source>所有在册儿童（不只是这个月来过的）</source>
        <translation>Every child on the roster (not only those who came this month)</translation>
    </message>
    <message>
        <source>监护人接送卡</source>
        <translation>Guardian pick-up cards</translation>
    </message>
    <message>
        <source>闭馆日也打印</source>
        <translation>Also print closed days</translation>
    </message>
    <message>
        <source>待认领</source>
        <translation>Waiting to be claimed</translation>
    </message>
    <message>
        <source>已认领</source>
        <translation>Claimed</translation>
    </message>
    <message>
        <source>已圆梦</source>
        <translation>Fulfilled</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>A3 张贴用</source>
        <translation>A3, for posting</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>活动</source>
        <translation>Activity</translation>
    </message>
    <message>
        <source>家访</source>
        <translation>Home visit</translation>
    </message>
    <message>
        <source>志愿者</source>
        <translation>Volunteer</translation>
    </message>
    <message>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <source>到</source>
        <translation>To</translation>
    </message>
    <message>
        <source>卡片</source>
        <translation>Cards</translation>
    </message>
    <message>
        <source>闭馆日</source>
        <translation>Closed days</translation>
    </message>
    <message>
        <source>微心愿</source>
        <translation>Small wish</translation>
    </message>
    <message>
        <source>哪些</source>
        <translation>Which</translation>
    </message>
    <message>
        <source>纸张</source>
        <translation>Paper</translation>
    </message>
    <message>
        <source>儿童</source>
        <translation>Child</translation>
    </message>
    <message>
        <source>范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <source>工作单位</source>
        <translation>Employer</translation>
    </message>
    <message>
        <source>生成预览 (F5)</source>
        <translation>Preview (F5)</translation>
    </message>
    <message>
        <source>打印… (Ctrl+P)</source>
        <translation>Print… (Ctrl+P)</translation>
    </message>
    <message>
        <source>另存为 PDF… (Ctrl+S)</source>
        <translation>Save as PDF… (Ctrl+S)</translation>
    </message>
    <message>
        <source>还没有可以打印的记录。</source>
        <translation>Nothing to print yet.</translation>
    </message>
    <message>
        <source>还没有登记在职党员：请在“志愿者”页编辑志愿者，勾选“在职党员”并填写工作单位。</source>
        <translation>No in-service party members yet: edit a volunteer on the Volunteers page, tick “In-service party member” and fill in the work unit.</translation>
    </message>
    <message>
        <source>请先选择要打印的记录。</source>
        <translation>Select what to print first.</translation>
    </message>
    <message>
        <source>请写出儿童的姓名或卡号。</source>
        <translation>Type the child&apos;s name or card number.</translation>
    </message>
    <message>
        <source>请选择或写出工作单位。</source>
        <translation>Choose or type a work unit.</translation>
    </message>
    <message>
        <source>请写出志愿者的姓名、卡号或编号。</source>
        <translation>Enter the volunteer&apos;s name, card number or ID.</translation>
    </message>
    <message>
        <source>正在生成…</source>
        <translation>Generating…</translation>
    </message>
    <message>
        <source>共 {0} 页。可以打印或另存为 PDF。</source>
        <translation>{0} pages. Print them or save as PDF.</translation>
    </message>
    <message>
        <source>打印机无法开始打印。请检查打印机是否开机、是否连接。</source>
        <translation>The printer could not start. Check that it is switched on and connected.</translation>
    </message>
    <message>
        <source>要打印的文件读不出来，请重新生成预览后再打印。</source>
        <translation>The file to print cannot be read. Build the preview again, then print.</translation>
    </message>
    <message>
        <source>确实需要时请勾选“{0}”，再按“生成预览”。</source>
        <translation> If you really need it, tick “{0}” and press “Preview” again.</translation>
    </message>
    <message>
        <source>正在送往打印机…</source>
        <translation>Sending to the printer…</translation>
    </message>
    <message>
        <source>已送往打印机：{0} 页。</source>
        <translation>Sent to the printer: {0} pages.</translation>
    </message>
    <message>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>没能保存到 {0}：{1}。请换一个文件夹再试。</source>
        <translation>Could not save to {0}: {1}. Try another folder.</translation>
    </message>
    <message>
        <source>已保存：{0}</source>
        <translation>Saved: {0}</translation>
    </message>
</context>
<context>
    <name>RecordTab</name>
    <message>
        <source>已标记跟进完成。</source>
        <translation>Follow-up marked as done.</translation>
    </message>
</context>
<context>
    <name>RosterColumns</name>
    <message>
        <source>在册</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>已归档</source>
        <translation>Archived</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>年龄</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>学校</source>
        <translation>School</translation>
    </message>
    <message>
        <source>年级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>监护人</source>
        <translation>Guardian</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>过敏/疾病</source>
        <translation>Allergy/illness</translation>
    </message>
    <message>
        <source>⚠ 有</source>
        <translation>⚠ Yes</translation>
    </message>
    <message>
        <source>有过敏或疾病，详情见编辑窗口（需相应权限）</source>
        <translation>Has an allergy or illness; details in the edit window (with permission)</translation>
    </message>
    <message>
        <source>结对</source>
        <translation>Paired</translation>
    </message>
    <message>
        <source>已结对</source>
        <translation>Paired</translation>
    </message>
    <message>
        <source>卡号</source>
        <translation>Card number</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>手机号</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>所属队伍</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>志愿者编号</source>
        <translation>Volunteer ID</translation>
    </message>
    <message>
        <source>特长</source>
        <translation>Skills</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Deactivated</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>整个文件</source>
        <translation>Whole file</translation>
    </message>
    <message>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>填写的内容</source>
        <translation>Value given</translation>
    </message>
    <message>
        <source>问题和改法</source>
        <translation>Problem and fix</translation>
    </message>
</context>
<context>
    <name>RosterPage</name>
    <message>
        <source>在册</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>已归档</source>
        <translation>Archived</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>搜索：姓名、拼音或首字母、卡号</source>
        <translation>Search: name, pinyin or initials, card number</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>归档</source>
        <translation>Archive</translation>
    </message>
    <message>
        <source>彻底删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>导入…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <source>保存导入模板…</source>
        <translation>Template…</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>查看</source>
        <translation>View</translation>
    </message>
    <message>
        <source>已保存：</source>
        <translation>Saved: </translation>
    </message>
    <message>
        <source>没有找到。可以试试拼音首字母；已归档的人要选“全部”才看得到。</source>
        <translation>Nothing found. Try the pinyin initials; archived people show only under “All”.</translation>
    </message>
    <message>
        <source>有 {0} 人符合。用 ↓ ↑ 选中，再按回车打开。</source>
        <translation>{0} people match. Choose one with ↓ ↑, then press Enter to open it.</translation>
    </message>
    <message>
        <source>共 {0} 人</source>
        <translation>{0} people</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>确定要{0}“{1}”吗？</source>
        <translation>{0} &quot;{1}&quot;?</translation>
    </message>
    <message>
        <source>已{0}：{1}</source>
        <translation>{0} done: {1}</translation>
    </message>
    <message>
        <source>彻底删除“{0}”后无法恢复。通常应改为归档。确定要彻底删除吗？</source>
        <translation>Deleting &quot;{0}&quot; for good cannot be undone. Archiving is usually better. Delete for good?</translation>
    </message>
    <message>
        <source>“{0}”有历史记录（{1}），会一并删除，台账中将缺少这些记录。仍然删除吗？</source>
        <translation>&quot;{0}&quot; has history ({1}), which is deleted too and will be missing from the records. Delete anyway?</translation>
    </message>
    <message>
        <source>删除历史记录</source>
        <translation>Delete the history</translation>
    </message>
    <message>
        <source>已彻底删除：{0}</source>
        <translation>Deleted for good: {0}</translation>
    </message>
    <message>
        <source>保存导入模板</source>
        <translation>Save import template</translation>
    </message>
    <message>
        <source>{0}导入模板.xlsx</source>
        <translation>{0} import template.xlsx</translation>
    </message>
    <message>
        <source>已保存导入模板：{0}</source>
        <translation>Import template saved: {0}</translation>
    </message>
    <message>
        <source>导出名单</source>
        <translation>Export list</translation>
    </message>
    <message>
        <source>{0}名单.xlsx</source>
        <translation>{0} list.xlsx</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Deactivated</translation>
    </message>
</context>
<context>
    <name>ServiceRecordsDialog</name>
    <message>
        <source>志愿服务记录与在职党员报到</source>
        <translation>Service records and party members&apos; reporting</translation>
    </message>
    <message>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <source>到</source>
        <translation>To</translation>
    </message>
    <message>
        <source>工作单位</source>
        <translation>Employer</translation>
    </message>
    <message>
        <source>导出服务记录 (.xlsx)…</source>
        <translation>Export service records (.xlsx)…</translation>
    </message>
    <message>
        <source>打印双报到反馈表</source>
        <translation>Print the party-unit feedback form</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>还没有登记在职党员：编辑志愿者，勾选“在职党员”并填写工作单位。</source>
        <translation>No in-service party members yet: edit a volunteer, tick “In-service party member” and fill in the work unit.</translation>
    </message>
    <message>
        <source>导出志愿服务记录</source>
        <translation>Export volunteer service records</translation>
    </message>
    <message>
        <source>志愿服务记录 {0} 至 {1}.xlsx</source>
        <translation>Service records {0} to {1}.xlsx</translation>
    </message>
    <message>
        <source>请选择或写出工作单位。</source>
        <translation>Choose or type a work unit.</translation>
    </message>
</context>
<context>
    <name>SessionForm</name>
    <message>
        <source>亲善之家活动室</source>
        <translation>Activity room</translation>
    </message>
    <message>
        <source>修改活动记录</source>
        <translation>Edit activity</translation>
    </message>
    <message>
        <source>新建活动记录</source>
        <translation>New activity</translation>
    </message>
    <message>
        <source>结束时间</source>
        <translation>End time</translation>
    </message>
    <message>
        <source>例如：水利科普、端午包粽子</source>
        <translation>e.g. water science, making zongzi for Dragon Boat Festival</translation>
    </message>
    <message>
        <source>协助的志愿者（当天值班的已列出）</source>
        <translation>Helping volunteers (that day&apos;s duty is listed)</translation>
    </message>
    <message>
        <source>位志愿者</source>
        <translation>volunteers</translation>
    </message>
    <message>
        <source>添加其他志愿者：姓名或拼音</source>
        <translation>Add another volunteer: name or pinyin</translation>
    </message>
    <message>
        <source>参与儿童（当天签到的儿童已列出）</source>
        <translation>Children taking part (those checked in that day are listed)</translation>
    </message>
    <message>
        <source>名儿童</source>
        <translation>children</translation>
    </message>
    <message>
        <source>添加儿童：姓名、拼音或首字母</source>
        <translation>Add a child: name, pinyin or initials</translation>
    </message>
    <message>
        <source>加入</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>添加照片…</source>
        <translation>Add photos…</translation>
    </message>
    <message>
        <source>移除照片</source>
        <translation>Remove photo</translation>
    </message>
    <message>
        <source>照片里的孩子…</source>
        <translation>Children in the photo…</translation>
    </message>
    <message>
        <source>选一张已保存的照片，勾选照片里的孩子（新添的照片请先保存）</source>
        <translation>Choose a saved photo and tick the children in it (save a newly added photo first)</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>哪个梦</source>
        <translation>Which dream</translation>
    </message>
    <message>
        <source>主题</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>组织者</source>
        <translation>Organiser</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>活动小结</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>后续跟进</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>照片（最多 {0} 张）</source>
        <translation>Photos (at most {0})</translation>
    </message>
    <message>
        <source>（不填）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>志愿者：</source>
        <translation>Volunteer: </translation>
    </message>
    <message>
        <source>工作人员：</source>
        <translation>Staff: </translation>
    </message>
    <message>
        <source>照片最多 {0} 张。</source>
        <translation>At most {0} photos.</translation>
    </message>
    <message>
        <source>（无法显示）</source>
        <translation>(cannot be shown)</translation>
    </message>
    <message>
        <source>选择照片</source>
        <translation>Choose a photo</translation>
    </message>
    <message>
        <source>图片 (*.jpg *.jpeg *.png *.bmp *.gif *.webp)</source>
        <translation>Pictures (*.jpg *.jpeg *.png *.bmp *.gif *.webp)</translation>
    </message>
    <message>
        <source>已记下照片里的 {0} 个孩子。</source>
        <translation>Recorded {0} children in the photo.</translation>
    </message>
    <message>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>标准</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>大</source>
        <translation>Large</translation>
    </message>
    <message>
        <source>更大</source>
        <translation>Larger</translation>
    </message>
    <message>
        <source>特大</source>
        <translation>Largest</translation>
    </message>
    <message>
        <source>A4（常用）</source>
        <translation>A4 (usual)</translation>
    </message>
    <message>
        <source>Letter（美国信纸）</source>
        <translation>Letter (US)</translation>
    </message>
    <message>
        <source>全部在册儿童</source>
        <translation>All active children</translation>
    </message>
    <message>
        <source>最近来过的儿童</source>
        <translation>Children who came recently</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>本机设置（只影响这台电脑，改动立即保存）</source>
        <translation>This PC (affects only this computer; changes are saved at once)</translation>
    </message>
    <message>
        <source>字体大小（大字模式）</source>
        <translation>Type size (large type)</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>系统默认打印机</source>
        <translation>System&apos;s default printer</translation>
    </message>
    <message>
        <source>（现在未连接）</source>
        <translation> (not connected now)</translation>
    </message>
    <message>
        <source>默认打印机</source>
        <translation>Default printer</translation>
    </message>
    <message>
        <source>纸张</source>
        <translation>Paper</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> minutes</translation>
    </message>
    <message>
        <source>锁屏时间</source>
        <translation>Lock after</translation>
    </message>
    <message>
        <source>无人操作多久后锁屏</source>
        <translation>Lock the screen after this long without use</translation>
    </message>
    <message>
        <source>未设置：只备份到本机</source>
        <translation>Not set: backups only on this PC</translation>
    </message>
    <message>
        <source>选择文件夹…</source>
        <translation>Choose folder…</translation>
    </message>
    <message>
        <source>不用第二个文件夹</source>
        <translation>No second folder</translation>
    </message>
    <message>
        <source>第二备份文件夹（如 U 盘）</source>
        <translation>Second backup folder (e.g. USB drive)</translation>
    </message>
    <message>
        <source>设置口令…</source>
        <translation>Set passphrase…</translation>
    </message>
    <message>
        <source>不再加密</source>
        <translation>Stop sealing</translation>
    </message>
    <message>
        <source>加密 U 盘上的备份</source>
        <translation>Seal the backups on the USB stick</translation>
    </message>
    <message>
        <source>已保存：</source>
        <translation>Saved: </translation>
    </message>
    <message>
        <source>字体大小</source>
        <translation>Type size</translation>
    </message>
    <message>
        <source>重新启动程序后生效。</source>
        <translation>Takes effect after restarting the program.</translation>
    </message>
    <message>
        <source>选择第二备份文件夹</source>
        <translation>Choose the second backup folder</translation>
    </message>
    <message>
        <source>这个文件夹不能写入，没有保存。请换一个文件夹，或检查 U 盘是否插好。</source>
        <translation>This folder cannot be written to; not saved. Choose another folder or check that the USB drive is plugged in.</translation>
    </message>
    <message>
        <source>第二备份文件夹</source>
        <translation>Second backup folder</translation>
    </message>
    <message>
        <source>已加密：复制到第二备份文件夹的备份用管理员的口令加密（AES-256）。</source>
        <translation>Sealed: backups copied to the second folder are encrypted with the administrator&apos;s passphrase (AES-256).</translation>
    </message>
    <message>
        <source>未加密：U 盘上的备份谁拿到都能打开。建议设置口令。</source>
        <translation>Not sealed: anyone who has the USB stick can open its backups. Setting a passphrase is advised.</translation>
    </message>
    <message>
        <source>换口令…</source>
        <translation>Change passphrase…</translation>
    </message>
    <message>
        <source>已保存：从下一次备份起，U 盘上的备份都加密；没加密的旧备份复制会删掉。请把口令抄在纸上收好：换电脑恢复时要用。</source>
        <translation>Saved: from the next backup on, the backups on the USB stick are sealed, and the unsealed copies there are deleted. Write the passphrase down and keep it safe: restoring on another PC needs it.</translation>
    </message>
    <message>
        <source>以后复制到 U 盘的备份不再加密吗？已经加密的备份仍要用原来的口令打开。</source>
        <translation>Copy backups to the USB stick unsealed from now on? Backups already sealed still open only with their passphrase.</translation>
    </message>
    <message>
        <source>已保存：以后复制到 U 盘的备份不再加密。</source>
        <translation>Saved: backups copied to the USB stick are no longer sealed.</translation>
    </message>
    <message>
        <source>站点设置（本站所有电脑共用）</source>
        <translation>Station settings (shared by all of this station&apos;s computers)</translation>
    </message>
    <message>
        <source>只有管理员可以修改站点设置。</source>
        <translation>Only an administrator can change station settings.</translation>
    </message>
    <message>
        <source>站点名称</source>
        <translation>Station name</translation>
    </message>
    <message>
        <source>保存站点设置</source>
        <translation>Save station settings</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>No limit</translation>
    </message>
    <message>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>已保存（%s）。</source>
        <translation>Saved (%s).</translation>
    </message>
    <message>
        <source>窗口标题栏里的站点名称在下次打开程序时更新。</source>
        <translation>The station name in the window&apos;s title bar is updated the next time the program starts.</translation>
    </message>
</context>
<context>
    <name>StatsPage</name>
    <message>
        <source>统计 · 十个梦</source>
        <translation>Statistics · Ten dreams</translation>
    </message>
    <message>
        <source>按梦统计</source>
        <translation>By dream</translation>
    </message>
    <message>
        <source>梦想护照</source>
        <translation>Dream passport</translation>
    </message>
    <message>
        <source>未参加活动的儿童</source>
        <translation>Children not taking part</translation>
    </message>
    <message>
        <source>周期</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>自定义：</source>
        <translation>Custom: </translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>图表显示</source>
        <translation>Chart shows</translation>
    </message>
    <message>
        <source>梦</source>
        <translation>Dream</translation>
    </message>
    <message>
        <source>活动次数</source>
        <translation>Activities</translation>
    </message>
    <message>
        <source>参与人次</source>
        <translation>Attendances</translation>
    </message>
    <message>
        <source>儿童人数</source>
        <translation>Children</translation>
    </message>
    <message>
        <source>志愿服务时长（小时）</source>
        <translation>Volunteer hours</translation>
    </message>
    <message>
        <source>月</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>季度</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <source>年</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>自定义</source>
        <translation>Custom</translation>
    </message>
    <message>
        <source>志愿服务时长 = 活动时长 × 参与的志愿者人数（组织者和协助者）；未填结束时间的活动按 1 小时计。“合计”中的儿童人数不重复计算。</source>
        <translation>Volunteer hours = length of the activity × number of volunteers taking part (organiser and helpers); an activity without an end time counts as 1 hour. Children in &quot;Total&quot; are counted once.</translation>
    </message>
    <message>
        <source>{0} 年 {1} 月</source>
        <translation>{1}/{0}</translation>
    </message>
    <message>
        <source>{0} 年第 {1} 季度</source>
        <translation>Q{1} {0}</translation>
    </message>
    <message>
        <source>{0} 年</source>
        <translation>{0}</translation>
    </message>
    <message>
        <source>{0} 至 {1}</source>
        <translation>{0} to {1}</translation>
    </message>
    <message>
        <source>统计周期：{0}（{1} 至 {2}）</source>
        <translation>Period: {0} ({1} to {2})</translation>
    </message>
    <message>
        <source>{0} · {1}</source>
        <translation>{0} · {1}</translation>
    </message>
    <message>
        <source>儿童：姓名、拼音或首字母</source>
        <translation>Child: name, pinyin or initials</translation>
    </message>
    <message>
        <source>找到一个儿童，看看他/她参加过哪些梦。</source>
        <translation>Find a child to see which dreams they have taken part in.</translation>
    </message>
    <message>
        <source>{0} 的梦想护照：已参加 {1} / {2} 个梦</source>
        <translation>{0}&apos;s dream passport: {1} of {2} dreams</translation>
    </message>
    <message>
        <source>微心愿：{0}</source>
        <translation>Small wishes: {0}</translation>
    </message>
    <message>
        <source> 周</source>
        <translation> weeks</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>年级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>最近一次参加活动</source>
        <translation>Last activity</translation>
    </message>
    <message>
        <source>多久没有参加任何活动：</source>
        <translation>No activity for at least:</translation>
    </message>
    <message>
        <source>从未参加</source>
        <translation>Never</translation>
    </message>
    <message>
        <source>{0} 周内未参加活动：{1} 名儿童</source>
        <translation>No activity in {0} weeks: {1} children</translation>
    </message>
</context>
<context>
    <name>TeamsDialog</name>
    <message>
        <source>队伍管理</source>
        <translation>Teams</translation>
    </message>
    <message>
        <source>队伍名称</source>
        <translation>Team name</translation>
    </message>
    <message>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>改名</source>
        <translation>Rename</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>{0}（{1} 人）</source>
        <translation>{0} ({1} people)</translation>
    </message>
    <message>
        <source>删除队伍</source>
        <translation>Delete team</translation>
    </message>
    <message>
        <source>删除这支队伍？队员仍在名单中，只是不再属于任何队伍。</source>
        <translation>Delete this team? Its members stay on the list, just without a team.</translation>
    </message>
</context>
<context>
    <name>TickList</name>
    <message>
        <source>全选</source>
        <translation>Select all</translation>
    </message>
    <message>
        <source>全不选</source>
        <translation>Select none</translation>
    </message>
    <message>
        <source>已选 {0} {1}</source>
        <translation>{0} {1} selected</translation>
    </message>
</context>
<context>
    <name>Ticks</name>
    <message>
        <source>其他说明</source>
        <translation>Other notes</translation>
    </message>
</context>
<context>
    <name>TimeDialog</name>
    <message>
        <source>必填，如：忘记签退，按家长来接的时间补记</source>
        <translation>Required, e.g. forgot to check out; entered as the time the parent came</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消（Esc）</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <source>时间看不懂：请写成 2026-11-28 09:30，或只写 09:30。</source>
        <translation>Cannot read the time: write it as 2026-11-28 09:30, or just 09:30.</translation>
    </message>
    <message>
        <source>请写明原因：更正时间会记入操作日志。</source>
        <translation>Give a reason: corrections are written to the activity log.</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>账号</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>新建账号</source>
        <translation>New account</translation>
    </message>
    <message>
        <source>如 wangli，登录时输入</source>
        <translation>e.g. wangli, typed when logging in</translation>
    </message>
    <message>
        <source>如 王丽</source>
        <translation>e.g. Wang Li</translation>
    </message>
    <message>
        <source>至少 {n} 个字符</source>
        <translation>At least {n} characters</translation>
    </message>
    <message>
        <source>可不填；4–6 位数字</source>
        <translation>Optional; 4–6 digits</translation>
    </message>
    <message>
        <source>新建</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Deactivated</translation>
    </message>
    <message>
        <source>输错锁定至 {0}</source>
        <translation>Locked after wrong passwords until {0}</translation>
    </message>
    <message>
        <source>在用</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>值班 PIN 码</source>
        <translation>Duty PIN</translation>
    </message>
    <message>
        <source>选中的账号</source>
        <translation>Selected account</translation>
    </message>
    <message>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>重置密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>4–6 位数字；空着点“设置”即删除</source>
        <translation>4–6 digits; leave empty and press &quot;Set&quot; to remove</translation>
    </message>
    <message>
        <source>设置 PIN</source>
        <translation>Set PIN</translation>
    </message>
    <message>
        <source>恢复码</source>
        <translation>Recovery code</translation>
    </message>
    <message>
        <source>忘记管理员密码时，用首次设置时抄下的恢复码设新密码（登录画面的“忘记管理员密码？”）。纸丢了，或怕别人看到过，就换一个新的：旧的立即作废。</source>
        <translation>If the administrator&apos;s password is forgotten, the recovery code written down at the first start sets a new one (“Forgot the administrator&apos;s password?” on the login screen). If the paper is lost, or someone else may have seen it, replace it: the old one stops working at once.</translation>
    </message>
    <message>
        <source>换新恢复码…</source>
        <translation>New recovery code…</translation>
    </message>
    <message>
        <source>已新建账号：{0}（{1}）</source>
        <translation>Account created: {0} ({1})</translation>
    </message>
    <message>
        <source>已设置 {name} 的 PIN 码。</source>
        <translation>PIN set for {name}.</translation>
    </message>
    <message>
        <source>已删除 {name} 的 PIN 码。</source>
        <translation>PIN removed for {name}.</translation>
    </message>
    <message>
        <source>换新恢复码</source>
        <translation>New recovery code</translation>
    </message>
    <message>
        <source>换一个新的恢复码？纸上的旧恢复码会立即作废。</source>
        <translation>Make a new recovery code? The old one on paper stops working at once.</translation>
    </message>
    <message>
        <source>这是新的恢复码，只显示这一次：请抄下（替换纸上旧的），放在站里的保险柜。</source>
        <translation>This is the new recovery code, shown only this once: write it down (in place of the old one) and keep it in the station&apos;s safe.</translation>
    </message>
    <message>
        <source>已重新启用 {name}。</source>
        <translation>{name} is active again.</translation>
    </message>
    <message>
        <source>已停用 {name}；他的记录都保留。</source>
        <translation>{name} deactivated; their records are kept.</translation>
    </message>
    <message>
        <source>PIN 码</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Deactivate</translation>
    </message>
    <message>
        <source>有</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>在上面的表格里选一个账号。</source>
        <translation>Select an account in the table above.</translation>
    </message>
    <message>
        <source>{0}（{1}，{2}）</source>
        <translation>{0} ({1}, {2})</translation>
    </message>
    <message>
        <source>重新启用</source>
        <translation>Activate again</translation>
    </message>
    <message>
        <source>已为 {name} 设置新密码。</source>
        <translation>New password set for {name}.</translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <source>记录走访：{0} → {1}</source>
        <translation>Record a visit: {0} → {1}</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>How</translation>
    </message>
    <message>
        <source>做了什么</source>
        <translation>What was done</translation>
    </message>
    <message>
        <source>送了什么</source>
        <translation>What was given</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next step</translation>
    </message>
</context>
<context>
    <name>VolunteerEditDialog</name>
    <message>
        <source>新增志愿者</source>
        <translation>New volunteer</translation>
    </message>
    <message>
        <source>志愿者资料：</source>
        <translation>Volunteer: </translation>
    </message>
    <message>
        <source>11 位手机号</source>
        <translation>11-digit mobile number</translation>
    </message>
    <message>
        <source>志愿汇或志愿者证上的编号，可不填</source>
        <translation>Number from Zhiyuanhui or the volunteer card; optional</translation>
    </message>
    <message>
        <source>如 绘画、电子琴、作业辅导</source>
        <translation>e.g. drawing, keyboard, homework help</translation>
    </message>
    <message>
        <source>在册（停用后不再出现在签到台）</source>
        <translation>Active (once deactivated, no longer shown at the desk)</translation>
    </message>
    <message>
        <source>在职党员，已到社区报到（服务情况反馈给单位党组织）</source>
        <translation>In-service party member reporting to the community (service is reported back to the employer&apos;s party organisation)</translation>
    </message>
    <message>
        <source>卡号</source>
        <translation>Card number</translation>
    </message>
    <message>
        <source>保存后自动生成</source>
        <translation>Generated when saved</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>{0}（卡号 {1}，{2}）</source>
        <translation>{0} (card {1}, {2})</translation>
    </message>
    <message>
        <source>无队伍</source>
        <translation>no team</translation>
    </message>
</context>
<context>
    <name>VolunteersPage</name>
    <message>
        <source>搜索：姓名、拼音或首字母、卡号、志愿者编号</source>
        <translation>Search: name, pinyin or initials, card number, volunteer ID</translation>
    </message>
    <message>
        <source>新增志愿者</source>
        <translation>New volunteer</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Deactivate</translation>
    </message>
    <message>
        <source>队伍管理…</source>
        <translation>Teams…</translation>
    </message>
    <message>
        <source>服务记录与党员报到…</source>
        <translation>Service records and party reporting…</translation>
    </message>
    <message>
        <source>全部队伍</source>
        <translation>All teams</translation>
    </message>
    <message>
        <source>结对：不限</source>
        <translation>Paired: any</translation>
    </message>
    <message>
        <source>已结对</source>
        <translation>Paired</translation>
    </message>
    <message>
        <source>未结对</source>
        <translation>Not paired</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Activate</translation>
    </message>
    <message>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
</context>
<context>
    <name>WalkInDialog</name>
    <message>
        <source>新来的孩子：登记并签到</source>
        <translation>New child: register and check in</translation>
    </message>
    <message>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <source>如 2016-05-01；不知道可只填年级</source>
        <translation>e.g. 2016-05-01; if unknown, just the grade</translation>
    </message>
    <message>
        <source>如 三年级</source>
        <translation>e.g. Grade 3</translation>
    </message>
    <message>
        <source>如 奶奶、外公、姑姑</source>
        <translation>e.g. grandmother, grandfather, aunt</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>年级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>监护人姓名</source>
        <translation>Guardian&apos;s name</translation>
    </message>
    <message>
        <source>关系</source>
        <translation>Relationship</translation>
    </message>
    <message>
        <source>监护人电话</source>
        <translation>Guardian&apos;s phone</translation>
    </message>
    <message>
        <source>我已核对：这是另一个孩子，仍然登记</source>
        <translation>I have checked: this is a different child, register anyway</translation>
    </message>
    <message>
        <source>登记并签到</source>
        <translation>Register and check in</translation>
    </message>
    <message>
        <source>取消（Esc）</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <source>请填写监护人的姓名和关系：签退时要核对谁来接。</source>
        <translation>Fill in the guardian&apos;s name and relationship: check-out verifies who picks up.</translation>
    </message>
</context>
<context>
    <name>WishesPage</name>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>待认领</source>
        <translation>Waiting to be claimed</translation>
    </message>
    <message>
        <source>已认领</source>
        <translation>Claimed</translation>
    </message>
    <message>
        <source>已圆梦</source>
        <translation>Fulfilled</translation>
    </message>
    <message>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>孩子</source>
        <translation>Child</translation>
    </message>
    <message>
        <source>微心愿</source>
        <translation>Small wish</translation>
    </message>
    <message>
        <source>梦</source>
        <translation>Dream</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>认领方</source>
        <translation>Claimed by</translation>
    </message>
    <message>
        <source>认领时间</source>
        <translation>Claimed on</translation>
    </message>
    <message>
        <source>圆梦日期</source>
        <translation>Fulfilled on</translation>
    </message>
    <message>
        <source>微心愿 · 爱心圆梦站</source>
        <translation>Small wishes · the wish-come-true corner</translation>
    </message>
    <message>
        <source>登记心愿 (Ctrl+N)</source>
        <translation>New wish (Ctrl+N)</translation>
    </message>
    <message>
        <source>认领 (F3)</source>
        <translation>Claim (F3)</translation>
    </message>
    <message>
        <source>圆梦 (F4)</source>
        <translation>Fulfilled (F4)</translation>
    </message>
    <message>
        <source>批准</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>取消心愿 (Del)</source>
        <translation>Cancel wish (Del)</translation>
    </message>
    <message>
        <source>（认领已久未圆梦）</source>
        <translation> (claimed long ago, not yet fulfilled)</translation>
    </message>
    <message>
        <source>共 {0} 个</source>
        <translation>{0} in all</translation>
    </message>
    <message>
        <source>，{0} 个认领已久未圆梦</source>
        <translation>, {0} claimed long ago and not yet fulfilled</translation>
    </message>
    <message>
        <source>登记：{0} {1}</source>
        <translation>Written down: {0} {1}</translation>
    </message>
    <message>
        <source>认领方：{0}</source>
        <translation>Claimed by: {0}</translation>
    </message>
    <message>
        <source>圆梦：{0}</source>
        <translation>Fulfilled: {0}</translation>
    </message>
    <message>
        <source>取消原因：{0}</source>
        <translation>Reason for cancelling: {0}</translation>
    </message>
    <message>
        <source>请先在列表里选一个微心愿。</source>
        <translation>Select a wish in the list first.</translation>
    </message>
    <message>
        <source>微心愿已登记。</source>
        <translation>Wish written down.</translation>
    </message>
    <message>
        <source>只有待认领的微心愿可以认领。</source>
        <translation>Only a wish waiting to be claimed can be claimed.</translation>
    </message>
    <message>
        <source>微心愿已认领。</source>
        <translation>Wish claimed.</translation>
    </message>
    <message>
        <source>记录圆梦请找社工或管理员。</source>
        <translation>Ask a social worker or an administrator to record a wish fulfilled.</translation>
    </message>
    <message>
        <source>先要有人认领，才能记录圆梦。</source>
        <translation>Someone must claim the wish before it can be recorded fulfilled.</translation>
    </message>
    <message>
        <source>已记录圆梦。</source>
        <translation>Recorded as fulfilled.</translation>
    </message>
    <message>
        <source>取消微心愿请找社工或管理员。</source>
        <translation>Ask a social worker or an administrator to cancel a wish.</translation>
    </message>
    <message>
        <source>已圆梦或已取消的微心愿不能再取消。</source>
        <translation>A wish fulfilled or cancelled cannot be cancelled.</translation>
    </message>
    <message>
        <source>微心愿已取消（记录保留）。</source>
        <translation>Wish cancelled (the record is kept).</translation>
    </message>
    <message>
        <source>只有待批准的微心愿需要批准。</source>
        <translation>Only a wish waiting for approval needs approving.</translation>
    </message>
    <message>
        <source>已批准，可以认领了。</source>
        <translation>Approved: it can be claimed now.</translation>
    </message>
</context>
<context>
    <name>_Gate</name>
    <message>
        <source>忘记管理员密码时：在登录画面点“忘记管理员密码？”，输入用户名、这个恢复码和新密码（命令行：qsh-desk user recover 用户名）。它只能用一次，用过后会显示一个新的。请放在站里的保险柜，不要和电脑放在一起。</source>
        <translation>If the administrator&apos;s password is forgotten: on the login screen click “Forgot the administrator&apos;s password?” and enter the user name, this recovery code and a new password (command line: qsh-desk user recover NAME). It works once; a new one is shown after use. Keep it in the station&apos;s safe, not with the computer.</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>请抄下恢复码</source>
        <translation>Write down the recovery code</translation>
    </message>
    <message>
        <source>我已抄下，继续</source>
        <translation>Written down, continue</translation>
    </message>
    <message>
        <source>管理员恢复码</source>
        <translation>Administrator recovery code</translation>
    </message>
</context>
<context>
    <name>_Stamp</name>
    <message>
        <source>{0} 次 · 最近 {1}</source>
        <translation>{0} times · last {1}</translation>
    </message>
    <message>
        <source>尚未参加</source>
        <translation>Not yet</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>内部错误：{0}。刚才的操作没有完成，已输入的内容仍在。详细信息已记入日志：{1}</source>
        <translation>Internal error: {0}. The last action was not completed; what you typed is still there. Details are in the log: {1}</translation>
    </message>
    <message>
        <source>出错了</source>
        <translation>Something went wrong</translation>
    </message>
</context>
<context>
    <name>recovery</name>
    <message>
        <source>恢复这份备份</source>
        <translation>Restore this backup</translation>
    </message>
    <message>
        <source>新建空数据库</source>
        <translation>Create an empty database</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>自动备份没有成功：</source>
        <translation>The automatic backup failed: </translation>
    </message>
    <message>
        <source>已自动备份。</source>
        <translation>Backed up automatically.</translation>
    </message>
    <message>
        <source>出错了</source>
        <translation>Something went wrong</translation>
    </message>
</context>
</TS>
