"""Every user-facing sentence, in Simplified Chinese (default) and English.

One table, so a missing translation is a test failure rather than a surprise in a meeting. Keys are stable
identifiers; `t(key, lang, **params)` formats with str.format, plus one addition for English counts: a field whose
format spec holds a `|` prints the singular or the plural form of a word for that count, not the count itself:
`"{n} {n:county|counties} below target"` reads "1 county below target", "3 counties below target". Chinese
needs no plural, so its strings only use `{n}`.
"""

from __future__ import annotations

import string

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"

TEXT: dict[str, tuple[str, str]] = {
    # --- app frame and navigation
    "app_title": ("干部激励看板", "Cadre Incentive Dashboard"),
    "page_overview": ("概览", "Overview"),
    "page_rankings": ("赛马排名", "Rankings"),
    "page_training": ("培训覆盖", "Training"),
    "page_welfare": ("关心关爱", "Welfare"),
    "page_movements": ("能上能下", "Movements"),
    "page_appraisals": ("年度考核", "Appraisals"),
    "page_cadre": ("干部画像", "Cadre profile"),
    "page_data": ("数据管理", "Data"),
    "language": ("语言", "Language"),
    "period_year": ("考核年度", "Year"),
    "meeting_mode": ("会议模式", "Meeting mode"),
    "meeting_leave": ("退出会议模式", "Leave meeting mode"),
    "section_headline": ("要点", "Headlines"),
    "section_bars": ("综合得分与排名区间", "Composite and rank intervals"),
    "section_table": ("排名总表", "Ranking table"),
    "section_tracks": ("赛道与走势", "Tracks and trend"),
    "section_focus": ("单位详情与变化原因", "One unit and why it moved"),
    "section_categories": ("分类覆盖", "Coverage by category"),
    "section_domains": ("培训领域", "Domains"),
    "section_trend": ("进度与趋势", "Pace and trend"),
    "section_mix": ("培训方式", "Mix"),
    "section_gaps": ("缺什么补什么", "Gaps and actions"),
    "section_scatter": ("培训与赛马", "Training and the race"),
    "section_drill": ("县区细分", "Inside one county"),
    "section_summary": ("要点", "Key points"),
    "section_grid": ("红绿灯", "Traffic lights"),
    "section_furthest": ("距目标最远", "Furthest below target"),
    "section_county": ("县区与趋势", "County and trend"),
    "section_counts": ("各县区调整", "Decisions by county"),
    "section_tolerance": ("问责与容错", "Accountability and fault tolerance"),
    "section_tiers": ("与方阵对照", "Against the tiers"),
    # the tabs of a long page (ui/section_tabs.py): its names are in the address, these labels only on screen
    "tab_rankings_ranking": ("排名", "Ranking"),
    "tab_rankings_tracks": ("赛道与走势", "Tracks and trend"),
    "tab_rankings_focus": ("单位详情", "One unit"),
    "tab_training_coverage": ("目标与覆盖", "Targets and coverage"),
    "tab_training_domains": ("培训领域", "Domains"),
    "tab_training_trend": ("进度、方式与赛马", "Pace, mix and the race"),
    "tab_training_gaps": ("缺什么补什么", "Gaps and actions"),
    "tab_training_drill": ("县区细分", "Inside one county"),
    "tab_welfare_lights": ("红绿灯", "Traffic lights"),
    "tab_welfare_furthest": ("距目标最远与明细", "Furthest below and all figures"),
    "tab_welfare_county": ("县区与趋势", "County and trend"),
    "brief_button": ("生成简报（PDF）", "Briefing (PDF)"),
    "brief_download": ("下载简报", "Download briefing"),
    "brief_working": ("正在生成简报…", "Preparing the briefing…"),
    "brief_title": ("{scope} {year} 年干部激励工作简报", "{scope}: cadre incentive briefing, {year}"),
    "brief_generated": ("生成时间：{when}", "Generated {when}"),
    "brief_link": ("在线查看：{link}", "View online: {link}"),
    # the data line of a briefing ranked as the page was, not the official way (docs/decisions.md#the-briefing-prints-the-view)
    "brief_settings": ("标准化方法：{method}；权重：{weights}", "Normalisation: {method}; weights: {weights}"),
    # what the rankings page showed and the briefing does not print (the counties' composite ranking)
    "brief_unprinted": (
        "页面所示{views}未收入本简报，本简报为县区综合排名",
        "Not printed in this briefing: the page's {views}; it gives the counties' composite ranking",
    ),
    "brief_unprinted_townships": ("{county}乡镇排名", "ranking of {county}'s townships"),
    "brief_unprinted_track": ("{track}单项排名", "ranking by {track} alone"),
    "brief_unprinted_class": ("{peer_class}类排名", "ranking within class {peer_class}"),
    "brief_unprinted_across_classes": ("跨类全部县区排名", "ranking of all counties across classes"),
    "brief_unprinted_help": (
        "简报打印本期县区综合排名（按页面的标准化方法与权重），不含页面所示{views}。",
        "The briefing prints the counties' composite ranking of the period (with the page's method and weights), "
        "not the page's {views}.",
    ),
    "brief_weights_catalog": ("指标目录权重", "the catalog's"),
    "brief_weights_trial": ("试算（{weights}）", "trial ({weights})"),
    "brief_settings_tiers": (
        "；方阵：前 {first:.0%} 为第一方阵，后 {third:.0%} 为第三方阵",
        "; tiers: the top {first:.0%} first, the bottom {third:.0%} third",
    ),
    "brief_race_leader": (
        "{period} 赛马综合排名：{leader} 居首，共 {n} 个县区参评。",
        "Race {period}: {leader} leads {n} {n:county|counties}.",
    ),
    "brief_race_county": (
        "{period} 赛马综合排名：{county} 第 {rank} 名（共 {n} 个，排名区间 {interval}），{tier}。",
        "Race {period}: {county} ranks {rank} of {n} (interval {interval}), {tier}.",
    ),
    "brief_race_county_class": (
        "{period} 赛马综合排名：{county} 在{peer_class}类 {n} 个县区中第 {rank} 名（按本类权重，排名区间 {interval}），{tier}。",
        "Race {period}: {county} ranks {rank} of the {n} {n:county|counties} of the class {peer_class} (by the "
        "class's weights, interval {interval}), {tier}.",
    ),
    "brief_training": (
        "{window}{scope}培训覆盖率 {coverage:.1%}，人均 {hours:.1f} 学时（全市覆盖率 {prefecture:.1%}）。",
        "Training {window}, {scope}: coverage {coverage:.1%}, {hours:.1f} {hours:hour|hours} per cadre "
        "(prefecture {prefecture:.1%}).",
    ),
    "brief_care_county": (
        "{county} {period}：{total} 项可判定指标中达标 {met} 项；未达标：{below}。",
        "{county} {period}: {met} of {total} judged {total:indicator|indicators} met; below target: {below}.",
    ),
    "brief_no_chromium": (
        "生成 PDF 需要 Chromium 浏览器，本机未安装。请运行 bash scripts/install-chromium.sh（或设置 CHROMIUM 指向浏览器）后重试。",
        "The PDF needs the Chromium browser, which is not installed here. Run bash "
        "scripts/install-chromium.sh (or set CHROMIUM to a browser) and try again.",
    ),
    "brief_print_failed": ("PDF 生成失败：{reason}", "The PDF could not be printed: {reason}"),
    # --- single sign-on
    "sso_button": ("单点登录", "Single sign-on"),
    "sso_not_registered": (
        "{identity} 尚未登记为本系统账号，无法登录。请联系市级管理员在用户管理中登记。",
        "{identity} is not registered as an account of this dashboard and cannot sign in. Ask the prefecture "
        "administrator to register it in user management.",
    ),
    "sso_no_identity": (
        "单点登录未提供可识别的身份（电子邮箱或用户标识），无法登录。",
        "The single sign-on provider gave no usable identity (e-mail or subject); you cannot sign in.",
    ),
    "signin_title": ("登录", "Sign in"),
    "signin_name": ("用户名", "Name"),
    "signin_password": ("密码", "Password"),
    "signin_submit": ("登录", "Sign in"),
    "signin_failed": ("用户名或密码不正确。", "Wrong name or password."),
    "viewer_signin_failed": ("访问口令不正确。", "Wrong viewing password."),
    "signin_locked": (
        "登录失败次数过多，请 {minutes} 分钟后再试。",
        "Too many failed attempts; try again in {minutes} {minutes:minute|minutes}.",
    ),
    "signin_required": ("此操作需要管理员登录。", "This needs an administrator to sign in."),
    "sign_out": ("退出登录", "Sign out"),
    # --- accounts and scopes (incentive/accounts)
    "signed_in_role": ("已登录：{name}（{role}）", "Signed in: {name} ({role})"),
    "signed_in_role_county": ("已登录：{name}（{county}{role}）", "Signed in: {name} ({role}, {county})"),
    "signed_out_idle": (
        "已超过 {minutes} 分钟未操作，已自动退出登录。",
        "Signed out after {minutes} {minutes:minute|minutes} without activity.",
    ),
    "signed_out_deactivated": (
        "您的账号已被市级管理员停用，已退出登录。",
        "Your account was deactivated by a prefecture administrator; you are signed out.",
    ),
    "signed_out_deactivated_gate": (  # on the viewing-password gate the ended session falls back to
        "您的账号已被市级管理员停用，已退出登录。如需继续浏览，请输入查看密码。",
        "Your account was deactivated by a prefecture administrator; you are signed out. Enter the viewing password "
        "to go on viewing.",
    ),
    "role_prefecture_admin": ("市级管理员", "prefecture administrator"),
    "role_county_clerk": ("县区填报员", "county clerk"),
    "role_county_leader": ("县区领导", "county leader"),
    "scope_refused": (
        "无权查看或操作「{county}」的数据：您的账号只限于「{own}」。",
        "Not allowed for {county}: your account is limited to {own}.",
    ),
    "scope_refused_all": (
        "无权查看或操作全市的数据：您的账号只限于「{own}」。",
        "Not allowed for the whole prefecture: your account is limited to {own}.",
    ),
    "role_refused": ("您的账号（{role}）不能进行此操作。", "Your account ({role}) cannot do this."),
    "account_bad_name": (
        "用户名不能为空，不能含控制字符或不可见字符，且不超过 {limit} 个字。",
        "A user name must not be empty, hold control or invisible characters, or exceed {limit} {limit:character|characters}.",
    ),
    "account_name_taken": ("用户名「{name}」已存在。", "The user name {name} is taken."),
    "account_needs_password": (
        "新账号需要设置密码（或填写单点登录标识）。",
        "A new account needs a password (or a single sign-on identity).",
    ),
    "account_password_short": ("密码至少 {n} 个字符。", "A password needs at least {n} {n:character|characters}."),
    "account_bad_role": ("未知的角色：{role}。", "Unknown role: {role}."),
    "account_bad_county": (
        "县区账号必须属于一个已有的县区（「{county}」不在区划名录中）。",
        "A county account needs a known county ({county} is not in the regions).",
    ),
    "account_unknown": ("没有名为「{name}」的账号。", "There is no account called {name}."),
    "account_not_self": ("不能停用自己正在使用的账号。", "You cannot deactivate the account you are signed in with."),
    "account_not_self_role": (
        "不能取消自己正在使用的账号的市级管理员角色，请由另一位市级管理员修改。",
        "You cannot take the prefecture administrator role from the account you are signed in with; ask another "
        "prefecture administrator.",
    ),
    "account_needs_county": ("请为县区账号选择县区。", "Choose the county of a county account."),
    "users_unlock": ("解除登录锁定", "Lift the sign-in lock"),
    "users_unlocked": (
        "已解除「{name}」的登录锁定：此前的失败次数不再计算。",
        "The sign-in lock of {name} is lifted: earlier failures no longer count.",
    ),
    # --- users page
    "page_users": ("用户管理", "Users"),
    "users_help": (
        "市级管理员在此添加账号、修改角色或县区、重置密码、停用或重新启用账号。账号不会被删除：操作日志保留其名字。"
        "密码至少 {n} 个字符；闲置 {minutes} 分钟后自动退出登录（数据管理页「设置」可改）。",
        "Prefecture administrators add accounts here, change their role or county, reset passwords, and deactivate "
        "or reactivate them. Accounts are never deleted: the audit log keeps their names. Passwords have at least "
        "{n} {n:character|characters}; a session ends after {minutes} {minutes:minute|minutes} without activity "
        "(a setting on the Data page).",
    ),
    "users_accounts": ("账号", "Accounts"),
    "users_col_name": ("用户名", "User name"),
    "users_col_role": ("角色", "Role"),
    "users_col_county": ("县区", "County"),
    "users_col_active": ("状态", "Status"),
    "users_col_identity": ("单点登录标识", "Single sign-on identity"),
    "users_col_source": ("来源", "Kept in"),
    "users_col_changed_at": ("修改时间", "Changed at"),
    "users_col_changed_by": ("修改人", "Changed by"),
    "users_active": ("启用", "active"),
    "users_inactive": ("已停用", "deactivated"),
    "users_source_secrets": ("配置文件（只读）", "configuration (read-only)"),
    "users_source_database": ("数据库", "database"),
    "users_secrets_note": (
        "来自 .streamlit/secrets.toml 或环境变量的首任管理员只能在配置中修改，这些名字不能再用于新账号。",
        "The first administrators, from .streamlit/secrets.toml or the environment, are changed there only; "
        "their names cannot be given to new accounts.",
    ),
    "users_add": ("添加账号", "Add an account"),
    "users_name": ("用户名", "User name"),
    "users_role": ("角色", "Role"),
    "users_county": ("县区", "County"),
    "users_county_help": (
        "县区填报员和县区领导必须选择县区；市级管理员不属于县区。",
        "County clerks and county leaders belong to one county; a prefecture administrator to none.",
    ),
    "users_no_county": ("（无）", "(none)"),
    "users_password": ("密码", "Password"),
    "users_password_again": ("再次输入密码", "Password again"),
    "users_identity": ("单点登录标识（电子邮箱，可选）", "Single sign-on identity (e-mail, optional)"),
    "users_add_submit": ("添加", "Add"),
    "users_added": ("已添加账号「{name}」。", "Account {name} added."),
    "users_passwords_differ": ("两次输入的密码不一致。", "The two passwords differ."),
    "users_change": ("修改账号", "Change an account"),
    "users_pick": ("账号", "Account"),
    "users_none": ("还没有数据库中的账号。", "There are no accounts in the database yet."),
    "users_change_submit": ("保存角色和县区", "Save role and county"),
    "users_changed": ("已修改账号「{name}」。", "Account {name} changed."),
    "users_reset": ("重置密码", "Reset the password"),
    "users_reset_submit": ("重置密码", "Reset password"),
    "users_reset_done": ("已重置「{name}」的密码。", "Password of {name} reset."),
    "users_deactivate": ("停用账号", "Deactivate"),
    "users_reactivate": ("重新启用账号", "Reactivate"),
    "users_deactivated": (
        "已停用账号「{name}」：该账号不能再登录，已登录的会话在下一次操作时结束。",
        "Account {name} deactivated: it can no longer sign in, and a signed-in session ends at its next action.",
    ),
    "users_reactivated": ("已重新启用账号「{name}」。", "Account {name} reactivated."),
    "cli_user_usage": (
        "用法：incentive user add 用户名 --role 角色 [--county 县区]；change / password / deactivate / activate 也需要用户名。",
        "Usage: incentive user add NAME --role ROLE [--county COUNTY]; change, password, deactivate and activate "
        "take a NAME too.",
    ),
    "names_withheld": (
        "不显示「{county}」的名单：名单人数会透露本期按小数保护规则隐藏的数字，并可能借此推算出其他县区被隐藏的数字。市级管理员可查看。",
        "The list for {county} is not shown: its length would give away a figure hidden by the small-number rule, "
        "from which another county's hidden figures could be worked out. A prefecture administrator can see it.",
    ),
    "audit_action_user_add": ("添加账号", "Account added"),
    "audit_action_user_change": ("修改账号", "Account changed"),
    "audit_action_user_password": ("重置密码", "Password reset"),
    "audit_action_user_activate": ("启用账号", "Account reactivated"),
    "audit_action_user_deactivate": ("停用账号", "Account deactivated"),
    "viewer_password": ("访问口令", "Viewing password"),
    "data_backup": ("备份", "Backup"),
    "data_backup_help": (
        "把整个数据库复制为一个新文件（一致的快照，看板运行时也可进行）。恢复：停止看板后运行 incentive restore 文件。",
        "Copies the whole database to a new file (a consistent snapshot, while the app runs). To "
        "restore: stop the app, then incentive restore FILE.",
    ),
    "data_backup_now": ("立即备份", "Back up now"),
    "data_audit": ("操作日志", "Audit log"),
    "file_audit": ("操作日志", "audit_log"),
    "audit_happened_at": ("时间", "When"),
    "audit_who": ("操作人", "Who"),
    "audit_action": ("操作", "Action"),
    "audit_target": ("对象", "Target"),
    "audit_file_name": ("文件", "File"),
    "audit_sha256": ("SHA-256", "SHA-256"),
    "audit_row_count": ("行数", "Rows"),
    "audit_outcome": ("结果", "Outcome"),
    "audit_detail": ("说明", "Detail"),
    "share_button": ("分享链接", "Share link"),
    "share_help": (
        "打开此链接即可看到与当前完全相同的页面和筛选条件。",
        "This link opens exactly this page with these selections.",
    ),
    "share_pinned_help": (
        "固定数据版本的链接（打开时显示分享时的数据，即使之后有新导入）：",
        "A link pinned to today's data (shows the data as shared, even after new imports):",
    ),
    "pinned_banner": ("本链接显示 {when} 的数据。", "This link shows the data as of {when}."),
    "roster_counties_left_out": (
        "这份花名册将作为全市 {as_of} 的在册名单，但其中没有 {n} 个县区的干部：{counties}（现在册 {cadres} 人）。"
        "导入后这些县区自 {as_of} 起没有在册干部，培训覆盖率等数字随之改变。如这只是部分县区的名单，请补齐全市，"
        "或由县区通过「报送」提交本县区的花名册。",
        "This roster becomes the whole prefecture's as of {as_of}, but it lists nobody of {n} "
        "{n:county|counties}: {counties} ({cadres} {cadres:cadre|cadres} on the roster now). Imported, "
        "{n:it has|they have} no cadres from {as_of} on, and coverage and every figure of theirs change. If it is "
        "some counties' list only, complete it, or let each county send its own roster through 报送.",
    ),
    "pinned_banner_live_page": (
        "本页（报送进度）始终显示最新报送情况，不随链接固定在 {when}：催报看的是此刻仍缺什么。本链接的其他页面显示 {when} 的数据。",
        "This page (submission progress) always shows the current state of submissions, not the link's moment of "
        "{when}: chasing files needs what is missing now. The link's other pages show the data as of {when}.",
    ),
    "pinned_banner_newer": (
        "本链接显示 {when} 的数据，已有更新。",
        "This link shows the data as of {when}; newer data exist.",
    ),
    "pinned_to_current": ("查看最新数据", "Show current data"),
    "data_version_pinned": ("数据：截至 {when}（固定版本）", "Data: as of {when} (pinned)"),
    "share_copy": ("复制", "Copy"),
    "share_copied": ("已复制", "Copied"),
    "share_select": ("已选中链接，请按 Ctrl+C 复制", "The link is selected: press Ctrl+C to copy"),
    "shared_county": ("县区", "County"),
    "link_param_choices": ("（可选：{choices}）", " (one of: {choices})"),
    "link_param_choices_more": ("（可选：{choices}等，另有 {more} 项）", " (one of: {choices} and {more} more)"),
    "link_repeated_params": (
        "链接中的参数重复出现，每项只采用一个值：{params}。",
        "Some link parameters were given more than once; one value of each is used: {params}.",
    ),
    "link_repeated_param": ("{param}（{values}，采用 {used}）", "{param} ({values}: {used} used)"),
    "link_invalid_params": (
        "链接中的参数无法使用：{params}，已改用默认值。",
        "Some link parameters could not be used: {params}; defaults are shown instead.",
    ),
    "data_version": (
        "数据：{batches} 个有效批次（最新为批次 #{latest}），更新于 {when}",
        "Data: {batches} active {batches:batch|batches} (latest: batch #{latest}), updated {when}",
    ),
    "data_version_empty": (
        "数据库为空，请在「数据管理」导入数据。",
        "The database is empty; import data on the Data page.",
    ),
    "sample_notice": (
        "当前显示的是示例数据：澜州市及其县区、干部均为虚构，仅供演示。",
        "You are looking at sample data: 澜州市, its counties and cadres are fictional.",
    ),
    "sample_notice_remove": ("可在「数据管理」页移除。", "Remove it on the Data page."),
    "data_checking_file": ("正在检查「{file}」（{mb} MB）…", "Checking “{file}” ({mb} MB)…"),
    "sample_loading": ("首次启动，正在载入示例数据（约 10 秒）…", "First start: loading the sample data (about 10 s)…"),
    "kpi_roster_note": (
        "花名册截至 {as_of}；培训记录截至 {last}。",
        "Roster as of {as_of}; training recorded up to {last}.",
    ),
    "no_data_for_period": ("{period} 暂无数据。", "No data for {period}."),
    "coming_rankings": (
        "赛马排名的完整视图（综合得分、方阵、排名区间、排名变化原因）将在后续版本提供；概览页已显示当前综合得分。",
        "The full rankings view (composite, tiers, rank intervals, why a rank changed) comes with its "
        "own work; the Overview already shows the current composite.",
    ),
    "coming_training": (
        "培训覆盖的完整视图（分类覆盖率、学时达标、领域缺口、缺什么补什么）将在后续版本提供；概览页已显示覆盖率。",
        "The full training view (coverage by category, hours, domain gaps, action list) comes with "
        "its own work; the Overview already shows coverage.",
    ),
    "coming_welfare": (
        "关心关爱与能上能下的完整视图（达标红绿灯、趋势、干部调整统计）将在后续版本提供；概览页已显示达标情况。",
        "The full welfare and movements view (status grid, trends, personnel decisions) comes with its "
        "own work; the Overview already shows target attainment.",
    ),
    # --- overview
    "pillar_race": ("赛马比拼", "Horse race"),
    "pillar_training": ("能力培训", "Training"),
    "pillar_welfare": ("关心关爱", "Care"),
    "kpi_counties": ("参赛县区", "Counties"),
    "kpi_race_period": ("赛马考评期", "Race period"),
    "overview_race_period": ("赛马考评期", "Race period"),
    "overview_care_period": ("关爱考评期", "Care period"),
    "kpi_leader": ("综合第一", "Leading county"),
    "kpi_cadres": ("在册干部", "Cadres on roster"),
    "chart_coverage_lowest_note": (
        "棕色为覆盖率最低的县区；虚线为覆盖率目标。",
        "The brown bar is the county with the lowest coverage; the dashed line is the coverage target.",
    ),
    "scope_without": ("{scope}（不含{counties}）", "{scope} (without {counties})"),
    "kpi_cadres_reported": ("在册干部（已报县区）", "Cadres (counties that sent)"),
    "kpi_coverage": ("培训覆盖率", "Training coverage"),
    "kpi_hours": ("人均学时", "Hours per cadre"),
    "kpi_welfare_period": ("关爱考评期", "Welfare period"),
    "kpi_met_share": ("指标达标率", "Targets met"),
    "kpi_below": ("未达标项", "Below target"),
    "chart_composite": ("{period} 各县区综合得分", "Composite score by county, {period}"),
    "chart_coverage": ("{year} 年各县区培训覆盖率", "Training coverage by county, {year}"),
    "chart_welfare": ("{period} 各县区关爱指标达标情况", "Welfare targets by county, {period}"),
    "axis_composite": ("综合得分", "Composite"),
    "axis_county": ("县区", "County"),
    "axis_coverage": ("覆盖率", "Coverage"),
    "axis_indicators": ("指标数", "Indicators"),
    "status_met": ("达标", "Met"),
    "status_near": ("接近", "Near"),
    "status_below": ("未达标", "Below"),
    "chart_ends_note": (
        "共 {n} 个县区，图中显示前 {k} 名与后 {k} 名。",
        "{n} {n:county|counties}; the chart shows the top {k} and the bottom {k}.",
    ),
    "chart_lowest_note": (
        "共 {n} 个县区，图中显示覆盖率最低的 {k} 个；全部见下表。",
        "{n} {n:county|counties}; the chart shows the {k} with the lowest coverage; the table below has all.",
    ),
    "chart_below_note": (
        "共 {n} 个县区，图中显示未达标项最多的 {k} 个；全部见关心关爱页。",
        "{n} {n:county|counties}; the chart shows the {k} with the most indicators below target; the care page "
        "has all.",
    ),
    "chart_most_note": (
        "共 {n} 个县区，图中显示问责与容错免责合计最多的 {k} 个；全部见上表。",
        "{n} {n:county|counties}; the chart shows the {k} with the most decisions of both kinds; the table above "
        "has all.",
    ),
    "chart_rate_ends_note": (
        "共 {n} 个县区，图中显示{grade}每百人提拔最高的 {k} 个与最低的 {k} 个（不含不公开的）；全部见下方展开表。",
        "{n} {n:county|counties}; the chart shows the {k} with the highest and the {k} with the lowest promotions per "
        "100 cadres graded {grade} (of the rates shown); the table below has all.",
    ),
    "chart_rate_seen_note": (
        "共 {n} 个县区，图中显示{grade}每百人提拔公开的 {m} 个；全部见下方展开表。",
        "{n} {n:county|counties}; the chart shows the {m} whose promotions per 100 cadres graded {grade} are shown; "
        "the table below has all.",
    ),
    "promotion_rates_all": ("各县区每百人提拔（全部 {n} 个县区）", "Promotions per 100 by county (all {n})"),
    "overview_composite_note": (
        "综合得分为各指标按方向标准化（z 分数，截断于 ±3）后按目录权重加权，0 为平均水平。",
        "Composite: each indicator standardized by direction (z-score, capped at ±3), "
        "weighted by the catalog; 0 is the average.",
    ),
    # --- data page
    "data_upload": ("上传数据文件", "Upload data files"),
    "data_upload_help": (
        "支持 CSV（UTF-8 或 GBK）、TSV、Excel（.xlsx/.xls/.xlsb）。可一次上传多个文件，每个文件单独导入：整体导入或不导入"
        "（勾选「跳过无效行」时导入其全部有效行）。",
        "CSV (UTF-8 or GBK), TSV and Excel (.xlsx/.xls/.xlsb). Several files at once; each imports on its own, whole or not "
        "at all (with “Skip invalid rows”, all its valid rows).",
    ),
    "data_kind": ("文件类型", "File kind"),
    "data_kind_auto": ("自动识别", "Detect automatically"),
    "data_period": ("考核期（宽表无期间时填写，如 2025Q2）", "Period (for wide files without one, e.g. 2025Q2)"),
    "data_as_of": (
        "统计日期（花名册无统计日期时填写，如 2025-06-30）",
        "As-of date (for rosters without one, e.g. 2025-06-30)",
    ),
    "data_skip_invalid": ("跳过无效行", "Skip invalid rows"),
    "data_skip_invalid_help": (
        "有效行照常导入；被拒的行及原因可以下载。不勾选时，文件有任何问题都不导入。",
        "Valid rows import; rejected rows can be downloaded with their reasons. Unticked, a file "
        "with any problem imports nothing.",
    ),
    "data_preview": ("预览：{file}", "Preview: {file}"),
    "data_detected": (
        "识别为「{kind}」，工作表「{sheet}」，表头在第 {row} 行，数据 {rows} 行。",
        "Detected as “{kind}”, sheet “{sheet}”, header on row {row}, {rows} data {rows:row|rows}.",
    ),
    "data_detected_csv": (
        "识别为「{kind}」（编码 {encoding}），表头在第 {row} 行，数据 {rows} 行。",
        "Detected as “{kind}” (encoding {encoding}), header on row {row}, {rows} data {rows:row|rows}.",
    ),
    "data_rows_skipped": (
        "，其中 {n} 行无效、已跳过，可导入 {kept} 行。",
        ", of which {n} invalid {n:row|rows} skipped, {kept} to import.",
    ),
    # the problems as listed (one cause on many rows is one), and their rows where that is another number
    "problems_count": ("{n} 个问题", "{n} {n:problem|problems}"),
    "problems_count_rows": ("{n} 个问题（涉及 {rows} 行）", "{n} {n:problem|problems} on {rows} {rows:row|rows}"),
    "data_problems": (
        "发现 {problems}，文件不能导入：",
        "Found {problems}; the file cannot be imported:",
    ),
    "data_problems_skip": (
        "发现 {problems}；勾选了跳过无效行，将导入 {ok} 行，拒绝 {bad} 行。",
        "Found {problems}; skipping invalid rows: {ok} {ok:row imports|rows import}, {bad} {bad:is|are} rejected.",
    ),
    "data_effects": (
        "将新增 {new} 条，更新 {changed} 条，与现有相同 {same} 条。",
        "{new} new {new:row|rows}, {changed} changed, {same} unchanged.",
    ),
    "data_changes_title": (
        "查看将更新的 {n} 个数值（原值 → 新值）",
        "See the {n} {n:value|values} it changes (before → after)",
    ),
    "cli_changes": ("将更新的数值（{columns}：原值 → 新值）：", "values changed ({columns}: before → after):"),
    "cli_change_line": ("{where}：{before} → {after}", "{where}: {before} → {after}"),
    # under the changed values' list when it stops short of its count, on the Data page as in the CLI
    # (labels.value_list_more)
    "values_more": (
        "……仅列出前 {n} 个，另有 {more} 个未列出",
        "… the first {n} listed; {more} more not listed",
    ),
    "changes_blank": ("空", "blank"),
    "data_changes_period": ("考核期", "Period"),
    "data_changes_county": ("县区", "County"),
    "data_changes_township": ("乡镇", "Township"),
    "data_changes_indicator": ("指标", "Indicator"),
    "data_changes_before": ("原值", "Before"),
    "data_changes_cadre_id": ("干部编号", "Cadre ID"),
    "data_changes_year": ("年度", "Year"),
    "data_changes_field": ("项目", "Field"),
    "data_changes_field_grade": ("考核等次", "Grade"),
    "data_changes_field_unit": ("单位", "Unit"),
    "data_changes_after": ("新值", "After"),
    # A roster correction, cadre by cadre (store/roster_changes.py; docs/decisions.md#a-roster-correction-cadre-by-cadre)
    "roster_changes_counts": (
        "{fields}，新增 {added} 人，不再在册 {dropped} 人",
        "{fields}, {added} added, {dropped} no longer listed",
    ),
    "cli_roster_changes": (
        "与现有花名册逐人比对（按干部编号）：{counts}。",
        "compared with the stored roster cadre by cadre (by cadre ID): {counts}.",
    ),
    "roster_changes_fields": (
        "字段变动 {n} 人（{by_field}）",
        "{n} {n:cadre|cadres} with changed fields ({by_field})",
    ),
    "roster_changes_no_fields": ("字段无变动", "no field changed"),
    "roster_changes_field_count": ("{field} {n} 人", "{field} {n}"),
    "roster_changes_none": (
        "与现有花名册逐人比对（按干部编号）：无变动，没有字段变动、新增或不再在册的干部。",
        "compared with the stored roster cadre by cadre (by cadre ID): nothing changes, no field of any cadre, "
        "no cadre added or dropped.",
    ),
    "data_roster_changes_title": (
        "查看与现有花名册的差异（按干部编号）：{counts}",
        "See how it differs from the stored roster (by cadre ID): {counts}",
    ),
    "data_roster_changed": (
        "字段变动 {n} 人（原值 → 新值）",
        "{n} {n:cadre|cadres} with changed fields (before → after)",
    ),
    "data_roster_added": ("新增 {n} 人", "{n} added"),
    "data_roster_dropped": ("不再在册 {n} 人", "{n} no longer listed"),
    "cli_roster_changed": ("字段变动（{columns}：原值 → 新值）：", "changed fields ({columns}: before → after):"),
    "cli_roster_added": ("新增（{columns}）：", "added ({columns}):"),
    "cli_roster_dropped": ("不再在册（{columns}）：", "no longer listed ({columns}):"),
    # under a list that stops short of its count, on the Data page as in the CLI (labels.roster_list_more): the
    # changed fields are counted as fields, not as the cadres the list's heading counts
    "roster_fields_more": (
        "……仅列出前 {n} 项字段变动，另有 {more} 项未列出",
        "… the first {n} changed {n:field|fields} listed; {more} more not listed",
    ),
    "roster_cadres_more": (
        "……仅列出前 {n} 人，另有 {more} 人未列出",
        "… the first {n} {n:cadre|cadres} listed; {more} more not listed",
    ),
    # A county's roster listing cadres another county's roster of its date still lists (store/other_county_cadres.py;
    # docs/decisions.md#a-cadre-on-two-county-rosters)
    "other_county_cadres": (
        "本文件中有 {n} 名干部也在其他县区于 {as_of} 适用的花名册上：{items}{more}。导入后，在原县区报送该日期"
        "不再列出上述干部的花名册之前，上述干部同时计入两个县区：两县区的在册人数、培训覆盖率和人均学时等按县区统计的"
        "数字都计入，全市合计多计 {n} 人。如确已调入本县区，请原县区重新报送统计日期为 {as_of} 的花名册；"
        "如干部编号有误，请更正文件后重新报送。",
        "{n} {n:cadre|cadres} of this file {n:is|are} also on another county's roster in force on {as_of}: "
        "{items}{more}. Imported, {n:he counts|they count} in both counties until that county sends a roster of "
        "that date without {n:him|them}: both counties' roster sizes, training coverage, hours per cadre and every "
        "figure counted by county include {n:him|them}, and the prefecture's totals count {n} {n:cadre|cadres} "
        "twice. If {n:he has|they have} moved to this county, the old county re-sends its roster as of {as_of}; "
        "if an id is wrong, correct the file and send it again.",
    ),
    "other_county_item": ("{cadre}（第 {row} 行）", "{cadre} (row {row})"),
    "other_county_item_named": ("{cadre}（第 {row} 行；{where}）", "{cadre} (row {row}; {where})"),
    "other_county_place": ("{county}花名册上为「{name}」", "on {county}'s roster as “{name}”"),
    "other_county_more": ("；另有 {n} 人未列出", "; {n} more not listed"),
    "data_effects_blank": (
        "注意：有 {n} 个已有数值将变为空（文件中为空白）。",
        "Note: {n} existing {n:value becomes|values become} empty (blank in this file).",
    ),
    "data_effects_blank_written": (
        "注意：有 {n} 个已有数值将变为空（文件中写作{markers}，按缺失读入，不按 0 计）。",
        "Note: {n} existing {n:value becomes|values become} empty (written {markers} in this file, read as "
        "missing, not as 0).",
    ),
    "data_effects_blank_some_written": (
        "注意：有 {n} 个已有数值将变为空（文件中 {m} 个写作{markers}，按缺失读入，不按 0 计；其余为空白）。",
        "Note: {n} existing {n:value becomes|values become} empty ({m} written {markers} in this file, read as "
        "missing, not as 0; the others blank).",
    ),
    # a catalog that changes the version in force for stored periods (docs/decisions.md#catalog-versions)
    "data_rescore": (
        "导入后，下列已有考核期将按改动后的指标目录重新计算排名和达标状态（已正式发布的期次保留发布结果，页面会提示数据有变动）：",
        "After this import, the stored periods below are scored again with the changed catalog, ranks and care "
        "statuses alike (a published period keeps its published figures, and its pages say that the data changed):",
    ),
    "data_rescore_hint": (
        "如改动只应从某一期起适用，请在文件中加「生效起始期」列，填写起始考核期（如 {example}）：更早的考核期仍按原来的"
        "目录计算。",
        "If a change should apply only from a period on, add a 生效起始期 (effective-from) column giving that period "
        "(e.g. {example}): earlier periods keep the catalog they had.",
    ),
    "rescore_item": (
        "{code} {name}：{change}；重算{domain}考核期 {periods}（共 {n} 期）",
        "{code} {name}: {change}; re-scores the {domain} {n:period|periods} {periods} ({n} in all)",
    ),
    "rescore_domain_race": ("赛马", "race"),
    "rescore_domain_welfare": ("关爱", "care"),
    "rescore_change_weight": ("权重 {before} → {after}", "weight {before} → {after}"),
    "rescore_change_target": ("目标值 {before} → {after}", "target {before} → {after}"),
    "rescore_change_direction": ("方向 {before} → {after}", "direction {before} → {after}"),
    "rescore_change_track": ("赛道 {before} → {after}", "track {before} → {after}"),
    "rescore_change_class_weights": ("类别权重 {before} → {after}", "class weights {before} → {after}"),
    "rescore_change_added": ("新计入{domain}指标", "becomes a {domain} indicator"),
    "rescore_change_removed": ("不再计入{domain}指标", "is no longer a {domain} indicator"),
    "rescore_none": ("无", "none"),
    # a catalog row against the stored version it replaces (intake/catalog_changes.py)
    "catalog_field_name": ("指标名称", "name"),
    "catalog_field_domain": ("类别", "domain"),
    "catalog_field_track": ("赛道", "track"),
    "catalog_field_unit": ("单位", "unit"),
    "catalog_field_direction": ("方向", "direction"),
    "catalog_field_weight": ("权重", "weight"),
    "catalog_field_target": ("目标值", "target"),
    "catalog_field_min": ("合理下限", "plausible minimum"),
    "catalog_field_max": ("合理上限", "plausible maximum"),
    "catalog_field_change": ("{field} {before} → {after}", "{field} {before} → {after}"),
    "catalog_version_from": ("（{since} 起的版本）", " (the version from {since})"),
    "note_catalog_changed": (
        "第 {row} 行更改已有指标「{indicator}」{version}：{changes}。",
        "Row {row} changes the stored indicator {indicator}{version}: {changes}.",
    ),
    # a rollback that would change the catalog in force for stored values (store/rollback_effects.py,
    # docs/decisions.md#rolling-back-a-catalog-batch)
    "rollback_relabels_values": (
        "不能撤销批次 {batch}：撤销后，已有数值将按另一个指标目录版本读取，而这些数值是按现行版本存储的，不会换算：{items}。"
        "请先撤销存有这些数值的批次（{value_batches}），再撤销批次 {batch}；或不撤销，改为导入更正后的指标目录"
        "（这些考核期保持现行的单位和类别）。",
        "Batch {batch} cannot be rolled back: stored values would then read under another catalog version, and they "
        "are stored as the version in force now has them and are not converted: {items}. Roll back the batches "
        "holding those values first ({value_batches}), then batch {batch}; or, instead of rolling it back, import a "
        "corrected catalog (keeping the unit and domain in force for those periods).",
    ),
    "rollback_relabel_unit": (
        "指标「{indicator}」的单位将由「{before}」变为「{after}」（{n} 个考核期：{periods}）",
        "the unit of indicator {indicator} would change from “{before}” to “{after}” ({n} {n:period|periods}: "
        "{periods})",
    ),
    "rollback_relabel_domain": (
        "指标「{indicator}」的类别将由「{before}」变为「{after}」（{n} 个考核期：{periods}）",
        "the domain of indicator {indicator} would change from {before} to {after} ({n} {n:period|periods}: {periods})",
    ),
    "rollback_relabel_version": (
        "指标「{indicator}」将没有生效的目录版本（现行单位「{before}」），其数值将不再计分（{n} 个考核期：{periods}）",
        "indicator {indicator} would have no catalog version in force (its unit now “{before}”), so its values "
        "would be scored nowhere ({n} {n:period|periods}: {periods})",
    ),
    "data_rollback_rescore": (
        "撤销后，下列已有考核期将按撤销后的指标目录重新计算排名和达标状态（已正式发布的期次保留发布结果，页面会提示数据有变动）：",
        "After this rollback, the stored periods below are scored again with the catalog it leaves, ranks and care "
        "statuses alike (a published period keeps its published figures, and its pages say that the data changed):",
    ),
    "data_snapshot_replace": (
        "将整体替换统计日期为 {as_of} 的花名册快照（现有 {n} 人）。",
        "Replaces the roster snapshot as of {as_of} as a whole (currently {n} {n:cadre|cadres}).",
    ),
    "upload_same_content": (
        "「{file}」与「{first}」内容相同：只预览、导入一次。",
        "“{file}” has the same content as “{first}”: it is previewed and imported once.",
    ),
    "data_sample_warning": (
        "数据库中仍有示例数据。导入真实数据前，建议先移除示例数据。",
        "Sample data is still loaded. Remove it before importing real data.",
    ),
    "data_same_file": (
        "同一文件已导入过（批次 #{batches}）。再次导入只会新增一个内容相同的批次。",
        "This exact file was imported before (batch #{batches}); importing it again adds an identical batch.",
    ),
    "data_same_file_changes": (
        "同一文件已导入过（批次 #{batches}），但此后数据已有改动。再次导入将恢复为该文件中的值：{counts}。",
        "This exact file was imported before (batch #{batches}), but the data have changed since; importing it "
        "again sets them back to this file's values: {counts}.",
    ),
    "data_same_file_new": ("新增 {n} 条", "{n} new {n:row|rows}"),
    "data_same_file_changed": ("更新 {n} 条", "{n} changed"),
    "data_same_file_blanked": ("{n} 个已有数值变为空", "{n} existing {n:value|values} emptied"),
    "data_same_file_roster_changes": (
        "同一文件已导入过（批次 #{batches}），但此后统计日期为 {as_of} 的快照已被替换。再次导入将恢复为该文件中的 "
        "{rows} 人（现有 {n} 人）。",
        "This exact file was imported before (batch #{batches}), but the snapshot as of {as_of} has been replaced "
        "since; importing it again sets it back to this file's {rows} {rows:cadre|cadres} (currently {n}).",
    ),
    "data_remove_sample_first": ("先移除示例数据", "Remove the sample first"),
    "data_lone_months": (
        "以下 {n} 个月份本文件只有很少几条记录，而库中该县区该月尚无数据：{months}。一条记录也会使该月算作该县区已报送{effect}。"
        "{fix}",
        "{n:This month holds|These months hold} only a few records in this file while nothing of {n:it|them} is "
        "stored for the county yet: {months}. A single record makes a month count as sent by the county{effect}. "
        "{fix}",
    ),
    "data_lone_effect_training": (
        "，其培训覆盖等数字将按此计算",
        ", and its figures (training coverage and the like) are computed as such",
    ),
    "data_lone_effect_movements": ("，报送进度将按此判断", ", and the submission tracker reads it so"),
    "data_lone_fix": (
        "若是日期有误或记录未报全，请更正、补全后再导入。",
        "If a date is mistyped or records are missing, correct or complete the file and import again.",
    ),
    "data_lone_fix_imported": (
        "若是日期有误或记录未报全，请先撤销批次 #{batch}（incentive rollback {batch}），更正、补全后再导入。",
        "If a date is mistyped or records are missing, roll back batch #{batch} first (incentive rollback {batch}), "
        "then correct or complete the file and import again.",
    ),
    "data_lone_month": (
        "{county} {year}年{month}月 {records} 条（该县区本文件其余月份每月中位数 {typical:,} 条）",
        "{county} {year}-{month:02d}: {records} {records:record|records} (median of the county's other months in "
        "the file: {typical:,})",
    ),
    "data_lone_month_stored": (
        "{county} {year}年{month}月 {records} 条（该县区此前 12 个月已导入的每月中位数 {typical:,} 条）",
        "{county} {year}-{month:02d}: {records} {records:record|records} (median of the county's stored months in "
        "the 12 months before: {typical:,})",
    ),
    "data_unknown_cadres": (
        "有 {n:,} 条记录的干部编号不在任何花名册中（仍可导入，但不属于任何县区）。",
        "{n:,} {n:record has|records have} a cadre id on no roster ({n:it imports|they import}, but "
        "{n:belongs|belong} to no county).",
    ),
    "data_unknown_cadres_ids": (
        "「{column}」列中共有 {n:,} 个这样的编号：{ids}{more}。",
        "Column “{column}” holds {n:,} such {n:id|ids}: {ids}{more}.",
    ),
    "data_unknown_cadre_row": ("{cadre}（第 {row} 行）", "{cadre} (row {row})"),
    "data_unknown_cadre_rows": ("{cadre}（第 {rows} 行）", "{cadre} (rows {rows})"),
    "data_unknown_cadre_more_rows": (
        "{cadre}（第 {rows} 行，另有 {more:,} 行）",
        "{cadre} (rows {rows} and {more:,} more)",
    ),
    "data_before_roster": (
        "文件「{file}」中 {n:,} 条干部调整早于该干部最早的花名册，按该花名册所在县区统计：{items}{more}。",
        "In “{file}”, {n:,} personnel {n:decision predates|decisions predate} the cadre's earliest roster and "
        "{n:counts|count} for that roster's county: {items}{more}.",
    ),
    "data_before_roster_item": (
        "第 {row} 行 {date}（按 {as_of} 的花名册计入{county}）",
        "row {row}, {date} (counted in {county} by the roster of {as_of})",
    ),
    "data_before_roster_more": ("；另有 {n:,} 条", "; and {n:,} more"),
    "data_unknown_cadres_more": ("；另有 {n:,} 个编号", "; and {n:,} more"),
    "data_current": ("当前数据", "Current data"),
    "data_span": ("范围", "Span"),
    "data_rollback_confirm": (
        "确认撤销：该批次的数据将不再显示，被它覆盖的旧值恢复",
        "Confirm: this batch's rows stop showing and the values it replaced return",
    ),
    "data_confirm": ("确认导入", "Import"),
    "data_confirm_all": ("导入全部可导入的文件", "Import all importable files"),
    "data_not_chosen": (
        "未导入「{file}」：只导入了所点「确认导入」的文件；如需导入此文件，请重新上传后确认。",
        "“{file}” was not imported: only the file whose Import button was clicked was; upload this one again to "
        "import it.",
    ),
    "data_not_imported": (
        "未导入「{file}」：有 {problems}，请修改后重新上传。",
        "“{file}” was not imported: {problems}; correct it and upload it again.",
    ),
    "table_scrolls": (
        "表格共 {n} 列，较宽时可左右滑动查看全部列。",
        "The table has {n} {n:column|columns}; swipe or scroll sideways to see them all.",
    ),
    "data_importing": ("正在导入 …", "Importing …"),
    "data_importing_file": ("正在导入「{file}」…", "Importing “{file}” …"),
    "data_imported_all": ("导入完成", "Import finished"),
    # A file of an import-all checked again after the files before it were stored (review/upload_imports.py;
    # docs/decisions.md#cadre-ids-in-another-letter-case)
    "data_rechecked_notes": (
        "前面的文件导入后，此文件已重新检查：{notes}",
        "Checked again after the files before it were imported: {notes}",
    ),
    "data_not_imported_rechecked": (
        "未导入「{file}」：前面的文件导入后重新检查，发现 {problems}（{first}）。此文件未写入任何数据，请修改后重新上传。",
        "“{file}” was not imported: checked again after the files before it were imported, it has {problems} "
        "({first}). Nothing of it was stored; correct it and upload it again.",
    ),
    "full_stop": ("。", "."),
    "data_imported": (
        "已导入「{file}」：{kind} {rows} 行{values}{skipped}，批次 #{batch}。",
        "Imported “{file}”: {kind}, {rows} {rows:row|rows}{values}{skipped}, batch #{batch}.",
    ),
    "data_imported_skipped": ("，跳过无效行 {n} 行", ", {n} invalid {n:row|rows} skipped"),
    "data_rejects_download": ("下载问题清单（CSV）", "Download the list of problems (CSV)"),
    "data_batch_rejects": (
        "导入时跳过的行（{n} 个批次）",
        "Rows skipped at import ({n} {n:batch|batches})",
    ),
    "data_batch_rejects_pick": ("批次", "Batch"),
    "data_batch_rejects_option": (
        "{batch} · {file} · {n} 个问题",
        "{batch} · {file} · {n} {n:problem|problems}",
    ),
    "data_batch_rejects_rolled_back": ("（已撤销）", " (rolled back)"),
    "data_batch_rejects_download": ("下载问题清单（CSV）", "Download the problems (CSV)"),
    "data_rejects_download_imported": (
        "下载「{file}」被跳过行的问题清单（CSV）",
        "Download the problems of the rows skipped from “{file}” (CSV)",
    ),
    "data_values_count": ("（共 {values} 个数值）", " ({values} {values:value|values})"),
    "data_batches": ("导入批次", "Import batches"),
    "data_rollback": ("撤销批次", "Roll back batch"),
    "data_rollback_pick": ("选择要撤销的批次", "Batch to roll back"),
    "data_rolled_back": (
        "已撤销批次 #{batch}，数据已恢复到导入前的状态。",
        "Batch #{batch} rolled back; data is as it was before it.",
    ),
    "data_templates": ("下载填报模板（Excel，中文表头）", "Download templates (Excel, Chinese headers)"),
    "data_sample": ("示例数据", "Sample data"),
    "data_remove_sample": ("移除全部示例数据", "Remove all sample data"),
    "data_remove_sample_confirm": (
        "确认移除：示例数据的全部 {n} 个批次将被撤销，其数据不再显示",
        "Confirm: all {n} sample {n:batch is|batches are} rolled back and {n:its|their} data stop showing",
    ),
    "data_sample_removed": ("已移除示例数据（{n} 个批次）。", "Sample data removed ({n} {n:batch|batches})."),
    "data_load_sample": ("载入示例数据", "Load sample data"),
    "data_sample_loaded": ("已载入示例数据（{n} 个批次）。", "Sample data loaded ({n} {n:batch|batches})."),
    "data_no_sample": ("当前没有示例数据。", "No sample data is loaded."),
    "data_format_doc": (
        "各类文件的列、是否必填、可填的值与示例，见本页「下载填报模板」：每个模板附有「填表说明」工作表。",
        "Each kind's columns, whether they are required, the values they take and an example: see “Download "
        "templates” on this page; every template has an instructions sheet.",
    ),
    "data_notes": ("说明", "Notes"),
    "col_batch": ("批次", "Batch"),
    "col_kind": ("类型", "Kind"),
    "col_file": ("文件", "File"),
    "col_rows": ("行数", "Rows"),
    "col_status": ("状态", "Status"),
    "col_source": ("来源", "Source"),
    "col_created_at": ("导入时间", "Imported at"),
    "col_created_by": ("导入人", "Imported by"),
    "col_row": ("行", "Row"),
    "col_column": ("列", "Column"),
    "col_value": ("值", "Value"),
    "col_problem": ("问题", "Problem"),
    "who_web": ("网页上传", "web upload"),
    "status_active": ("有效", "active"),
    "status_rolled_back": ("已撤销", "rolled back"),
    "source_sample": ("示例", "sample"),
    "source_upload": ("上传", "upload"),
    "source_cli": ("命令行", "CLI"),
    # --- kinds
    "kind_regions": ("行政区划", "regions"),
    "kind_indicators": ("指标目录", "indicator catalog"),
    "kind_race_scores": ("赛马考评得分", "race scores"),
    "kind_welfare": ("关爱指标", "welfare indicators"),
    "kind_roster": ("干部花名册", "cadre roster"),
    "kind_training": ("培训记录", "training records"),
    "kind_movements": ("干部调整", "personnel movements"),
    "kind_appraisals": ("年度考核等次", "annual appraisal grades"),
    # --- problems: location prefix
    "at_file": ("文件「{file}」", "File “{file}”"),
    "at_sheet": ("工作表「{sheet}」", "sheet “{sheet}”"),
    "at_row": ("第 {row} 行", "row {row}"),
    "at_rows": ("第 {rows} 行", "rows {rows}"),
    "at_rows_more": ("第 {rows}…行等共 {n:,} 行", "rows {rows} … ({n:,} {n:row|rows} in all)"),
    "at_column": ("「{column}」列", "column “{column}”"),
    "at_value": ("值「{value}」", "value “{value}”"),
    "sep": ("，", ", "),
    "colon": ("：", ": "),
    # --- problems: whole file
    "file_empty": ("文件是空的。", "The file is empty."),
    "file_too_large": (
        "文件太大（{size:.0f} MB），单个文件上限 {limit:g} MB；请按年度或县区拆分后分别导入。",
        "The file is too large ({size:.0f} MB); the limit is {limit:g} MB per file. Split it by year or "
        "county and import the parts.",
    ),
    "file_too_many_rows": (
        "文件有 {rows:,} 行，超过单个文件 {limit:,} 行的上限；请拆分后分别导入。",
        "The file has {rows:,} {rows:row|rows}, over the limit of {limit:,} per file; split it and import the parts.",
    ),
    "workbook_bomb": (
        "该工作簿解压后约 {size:.0f} MB，远超正常表格，可能是恶意构造的文件，已拒收。",
        "This workbook would unpack to about {size:.0f} MB, far beyond a real sheet; it may be a crafted "
        "file and is refused.",
    ),
    "file_binary": (
        "这不是文本表格文件（含二进制内容），请上传 CSV 或 Excel 文件。",
        "This is not a text table (it contains binary data); upload a CSV or Excel file.",
    ),
    "file_encoding": (
        "无法识别文件编码，请另存为 UTF-8 或 GBK 编码的 CSV。",
        "The text encoding is not recognised; save as UTF-8 or GBK CSV.",
    ),
    "file_mixed_encodings": (
        "文件混用了两种文字编码：第 {utf8_line} 行的「{text}」是 UTF-8 编码，而第 {other_line} 行不是（如 GBK），"
        "按哪一种读取都会有乱码，不予导入；请把整个文件用同一种编码（UTF-8 或 GBK）重新保存后再导入。",
        "The file mixes two text encodings: “{text}” in line {utf8_line} is UTF-8 but line {other_line} is not (GBK, "
        "say); read either way, part of it would be garbled, so it is not imported. Save the whole file again in one "
        "encoding (UTF-8 or GBK), then import.",
    ),
    "file_csv_broken": (
        "CSV 格式损坏（第 {row} 行附近引号不配对）。",
        "The CSV is malformed (unbalanced quotes near line {row}).",
    ),
    "file_csv_quote_open": (
        'CSV 第 {row} 行第 {column} 列的引号 " 没有在该单元格结束处闭合：其后 {lines} 行都被读进了'
        '这一个单元格，这些行不会导入。请在该单元格内容末尾补上引号 "，或删去这个引号，再重新上传。',
        'The quote " opened in row {row}, column {column} of the CSV is not closed where that cell ends: the {lines} '
        "lines after it were read into that one cell and would not import. Close the "
        "quote at the end of the cell's text, or remove it, and upload again.",
    ),
    "workbook_password": (
        "Excel 文件设有密码，请取消密码后再上传。",
        "The workbook is password-protected; remove the password first.",
    ),
    # --- what a file really is
    "workbook_corrupt": (
        "这是 Excel 工作簿，但已损坏，无法读取。请用 Excel 或 WPS 打开：能打开的，另存为新的 .xlsx 后再上传；"
        "打不开的，请向报送单位重新索取。",
        "This is an Excel workbook, but it is damaged and cannot be read. Open it in Excel or WPS: if "
        "it opens, save it as a new .xlsx and upload that; if not, ask the sender for the file again.",
    ),
    "workbook_not_a_workbook": (
        "文件名是 Excel 文件，但内容既不是 Excel 工作簿，也不是文本表格（可能已损坏，或是其他软件的文件）。"
        "请用 Excel 或 WPS 打开确认，另存为 .xlsx 后再上传。",
        "The name says Excel, but the content is neither an Excel workbook nor a text table (it "
        "may be damaged, or another program's file). Open it in Excel or WPS, save it as .xlsx "
        "and upload that.",
    ),
    "file_zip_broken": (
        "文件是 zip 压缩格式（.xlsx 本身就是 zip 格式），但已损坏或不完整，常见于下载或拷贝中断。请重新导出或"
        "重新拷贝原文件后再上传。",
        "The file is a zip (as every .xlsx is), but damaged or cut short, as when a download or copy "
        "is interrupted. Export or copy the original again and upload that.",
    ),
    "file_is_archive": (
        "这是压缩包，不是表格。请先解压，再上传其中的 .xlsx、.xls 或 .csv 文件。",
        "This is a compressed archive, not a table. Unpack it and upload the .xlsx, .xls or .csv file inside.",
    ),
    "file_is_word": (
        "这是 Word 文档，不是表格。请把其中的表格复制到 Excel 或 WPS 表格中，另存为 .xlsx 后上传。",
        "This is a Word document, not a spreadsheet. Copy its table into Excel or WPS Spreadsheets, "
        "save it as .xlsx and upload that.",
    ),
    "file_is_presentation": (
        "这是 PowerPoint 演示文稿，不是表格。请上传原始的 Excel（.xlsx/.xls）或 CSV 文件。",
        "This is a PowerPoint presentation, not a spreadsheet. Upload the original Excel (.xlsx/.xls) or CSV file.",
    ),
    "file_is_pdf": (
        "这是 PDF 文件，无法从中读取表格数据。请上传原始的 Excel（.xlsx/.xls）或 CSV 文件。",
        "This is a PDF document; table data cannot be read from it. Upload the original Excel "
        "(.xlsx/.xls) or CSV file.",
    ),
    "file_is_image": (
        "这是图片，无法从中读取表格数据。请上传原始的 Excel（.xlsx/.xls）或 CSV 文件。",
        "This is an image; table data cannot be read from it. Upload the original Excel (.xlsx/.xls) or CSV file.",
    ),
    "file_xml_spreadsheet": (
        "这是「XML 电子表格 2003」格式的文件（常见于系统导出），无法直接读取。请用 Excel 或 WPS 打开，"
        "另存为 .xlsx 后再上传。",
        "This is an “XML Spreadsheet 2003” file (as some systems export), which cannot be read "
        "directly. Open it in Excel or WPS, save it as .xlsx and upload that.",
    ),
    "file_is_xml": (
        "这是 XML 数据文件，不是表格。请上传 Excel（.xlsx/.xls）或 CSV 文件；如是从业务系统导出的，请导出为 Excel "
        "或 CSV 格式。",
        "This is an XML data file, not a table. Upload an Excel (.xlsx/.xls) or CSV file; if a system "
        "exported it, export as Excel or CSV instead.",
    ),
    "file_html_no_table": (
        "这是网页（HTML）文件，其中没有表格。请上传 Excel 或 CSV 文件；如是从网页系统导出的，请用 Excel 或 WPS "
        "打开后另存为 .xlsx 再上传。",
        "This is a web page (HTML) with no table in it. Upload an Excel or CSV file; if a web system "
        "exported it, open it in Excel or WPS and save it as .xlsx.",
    ),
    "file_html_unreadable": (
        "这是网页（HTML）文件，但其中的表格无法读取（文件过大或已损坏）。请用 Excel 或 WPS 打开，另存为 .xlsx "
        "后再上传。",
        "This is a web page (HTML), but its table cannot be read (too large or damaged). Open it "
        "in Excel or WPS, save it as .xlsx and upload that.",
    ),
    "no_header": (
        "未找到可识别的表头。需要的列，例如：{expected}。",
        "No recognisable header row. Expected columns such as: {expected}.",
    ),
    "no_header_near": (
        "表头像「{kind}」，但缺少必填列：{missing}。请补上这些列（列名见「下载填报模板」），或检查列名是否写错。",
        "The header reads like “{kind}” but lacks required columns: {missing}. Add them (see the templates for "
        "the column names), or check the column names for typos.",
    ),
    "header_other_kind": (
        "所选文件类型为「{kind}」，但表头是「{found}」的表头。请改选「{found}」后重新导入，或检查是否上传错了文件。",
        "The kind chosen is “{kind}”, but the header is that of “{found}”. Choose “{found}” and import again, or "
        "check that this is the file meant.",
    ),
    "no_header_kind": (
        "未找到「{kind}」的表头，缺少列：{missing}。",
        "No header for “{kind}”: missing columns {missing}.",
    ),
    "no_rows": ("表头下没有数据行。", "There are no data rows below the header."),
    "value_column_missing": (
        "表头中没有数值列：每行一个指标的文件须有一列数值，列名为{names}之一。",
        "The header has no column of values: a file with one indicator a row needs one, headed {names}.",
    ),
    "value_column_missing_others": (
        "表头中没有数值列：每行一个指标的文件须有一列数值，列名为{names}之一。未识别的列：{others}；"
        "若其中一列是数值，请把列名改为上述之一。",
        "The header has no column of values: a file with one indicator a row needs one, headed {names}. Columns not"
        " recognised: {others}; if one of them holds the values, rename it to one of those.",
    ),
    "catalog_first": (
        "请先导入指标目录，再导入考评或关爱数据。",
        "Import the indicator catalog before scores or welfare data.",
    ),
    "period_needed": (
        "文件中没有考核期（既无「考核期」列，标题中也没有），请填写考核期。",
        "The file gives no period (no period column, none in the title); enter the period.",
    ),
    "period_needed_title_dates": (
        "文件中没有考核期：无「考核期」列，标题中的{dates}是日期（填报、制表、截至等的日期），不作考核期——一个日期不是"
        "数据所属的考核期；请填写考核期，或在标题中写明（如「2026年第三季度」）。",
        "The file gives no period: no period column, and the title's {dates} is a date (of filling in, drawing up, or "
        "an as-of), which is not taken as the period: a day is not the period the values are of. Enter the period, or "
        "write it in the title (e.g. 2026年第三季度).",
    ),
    "period_conflict": (
        "标题中的考核期 {title} 与{other} {given} 不一致。",
        "The title's period {title} conflicts with {other} {given}.",
    ),
    "period_conflict_column": ("「考核期」列", "the period column"),
    "period_conflict_given": ("填写的考核期", "the period entered"),
    "period_given_conflict_column": (
        "与填写的考核期 {given} 不一致（本列共 {n} 行如此）：文件写明了考核期时请不要另外填写，或核对是否选错了文件。",
        "not the period entered, {given} ({n} {n:row|rows} of this column differ): leave the period empty when the "
        "file states its own, or check that this is the right file.",
    ),
    "as_of_conflict_title": (
        "标题中的统计日期 {title} 与填写的统计日期 {given} 不一致。",
        "The title's as-of date {title} conflicts with the as-of date entered, {given}.",
    ),
    "as_of_given_conflict_column": (
        "与填写的统计日期 {given} 不一致（本列共 {n} 行如此）：文件写明了统计日期时请不要另外填写，或核对是否选错了"
        "文件。",
        "not the as-of date entered, {given} ({n} {n:row|rows} of this column differ): leave the as-of date empty "
        "when the file states its own, or check that this is the right file.",
    ),
    "as_of_title_conflict_column": (
        "与第 {title_row} 行标题「{title}」中的统计日期 {as_of} 不一致（本列共 {n} 行如此）：一个花名册文件只能是一个"
        "统计日期的快照，请改正标题或本列后重新导入。",
        "not the as-of date {as_of} of the title in row {title_row}, “{title}” ({n} {n:row|rows} of this column "
        "differ): a roster file is the snapshot of one as-of date; correct the title or this column and import again.",
    ),
    "as_of_title_conflict_column_unplaced": (
        "与标题「{title}」中的统计日期 {as_of} 不一致（本列共 {n} 行如此）：一个花名册文件只能是一个统计日期的快照，"
        "请改正标题或本列后重新导入。",
        "not the as-of date {as_of} of the title “{title}” ({n} {n:row|rows} of this column differ): a roster file "
        "is the snapshot of one as-of date; correct the title or this column and import again.",
    ),
    "title_as_of_ambiguous": (
        "标题中有 {n} 个统计日期：{dates}，无法确定文件是哪一日的花名册，不作猜测；请在标题中只写一个统计日期。",
        "The title states {n} as-of {n:date|dates}: {dates}; which date the roster is of is not guessed: state one in the "
        "title.",
    ),
    "period_given_invalid": (
        "填写的考核期「{value}」无法识别，示例：2025、2025Q2、2025年上半年、2025-06。",
        "The period entered, “{value}”, is not recognised; e.g. 2025, 2025Q2, 2025H1, 2025-06.",
    ),
    "period_given_not_begun": (
        "填写的考核期「{written}」（命令行 --period 或数据页所填）尚未开始（始于 {begins}，今天 {today}），"
        "还不会有这一期的数字，请核对考核期（常见为年份输错）。",
        "The period entered, “{written}” (the CLI's --period or the Data page's field), has not begun (it starts on "
        "{begins}; today is {today}), so it cannot have figures yet: check the period (often a mistyped year).",
    ),
    "period_given_ambiguous": (
        "填写的考核期「{written}」可能是{readings}，无法确定是哪一个，不作猜测；请按所指写成其中一种。",
        "The period entered, “{written}”, may be {readings}; it is not guessed: enter the one meant.",
    ),
    "period_title_ambiguous": (
        "标题中的考核期「{written}」可能是{readings}，无法确定是哪一个，不作猜测；请在标题中按所指写成其中一种，"
        "或填写考核期。",
        "The title's period “{written}” may be {readings}; it is not guessed: write the one meant in the title, or "
        "enter the period.",
    ),
    "period_title_ambiguous_given": (
        "标题中的考核期「{written}」可能是{readings}，填写的考核期 {given} 不是其中任何一种；请核对填写的考核期，"
        "或在标题中按所指写成其中一种。",
        "The title's period “{written}” may be {readings}; the period entered, {given}, is none of them: check the "
        "period entered, or write the one meant in the title.",
    ),
    "period_title_several": (
        "标题中写有{found}{titles}，不是一个考核期（多个考核期，或考核期的范围、列举、累计），无法确定文件是哪一个考核期的"
        "数据，不作猜测；请在标题中只写一个考核期（如「2026年第三季度」），或填写考核期。",
        "The title writes {found}{titles}: not one period (several periods, or a range, list or running total of "
        "periods); which period the file is of is not guessed: write one period in the title (e.g. 2026年第三季度), or "
        "enter the period.",
    ),
    "period_title_several_given": (
        "标题中写有{found}{titles}，不是一个考核期，填写的考核期 {given} 也不是其中任何一个；请核对填写的考核期，"
        "或在标题中只写一个考核期。",
        "The title writes {found}{titles}, not one period, and the period entered, {given}, is none of them: check "
        "the period entered, or write one period in the title.",
    ),
    "as_of_needed": (
        "花名册缺少统计日期（无「统计日期」列，标题中也没有），请填写统计日期。",
        "The roster has no as-of date (no column, none in the title); enter it.",
    ),
    "as_of_needed_filed": (
        "花名册缺少统计日期：无「统计日期」列，标题中的 {filed} 是填报（制表、报送）日期，不作统计日期；请填写统计日期，"
        "或在标题中写明（如「截至2025年6月30日」）。",
        "The roster has no as-of date: no column, and the title's {filed} is the day it was filled in (made, sent), "
        "not its as-of date; enter the as-of date, or state it in the title (截至2025年6月30日).",
    ),
    "as_of_given_invalid": (
        "填写的统计日期「{value}」无法识别，示例：2025-06-30。",
        "The as-of date “{value}” is not recognised; e.g. 2025-06-30.",
    ),
    "mixed_domains": (
        "同一文件中同时有赛马指标和关爱指标（{race}；{welfare}），请分开两个文件。",
        "The file mixes race and welfare indicators ({race}; {welfare}); split it into two files.",
    ),
    "kind_mismatch": (
        "指标「{indicator}」属于「{actual}」，与所选文件类型「{kind}」不符。",
        "Indicator “{indicator}” belongs to “{actual}”, not to the chosen kind “{kind}”.",
    ),
    "duplicate_indicator_column": ("与「{other}」列是同一个指标。", "is the same indicator as column “{other}”."),
    "unknown_indicator_column": ("不是指标目录中的指标。", "is not an indicator of the catalog."),
    # --- problems: cells and rows
    "required": ("必填，不能为空。", "is required."),
    "township_blank_among_townships": (
        "乡镇为空（或只写了「—」「无」等空白记号），而上面的行填写了该县区的乡镇：此行不按县区本级数据导入（否则会覆盖该县区的数值）。请填写乡镇；县区本级的"
        "数值请写在其乡镇各行之前，或另用一个文件导入。",
        "is blank (or only a marker such as — or 无) below rows naming townships of its county: the row is not read as the county's own figures (that "
        "would overwrite the county's values). Fill in the township; put a county's own figures above its "
        "townships' rows, or import them in a file of their own.",
    ),
    "not_a_number": ("不是数字。", "is not a number."),
    "number_e_notation": (
        "数字以科学计数法写成，位数可能已丢失（Excel 另存 CSV 时把长数字写成这样，只留 6 位有效数字），不予读取；请写出"
        "完整的数字（在 Excel 中把该列设为「数值」格式，核对后重新另存）后再导入。",
        "is written in E-notation, and digits may have been lost (Excel writes a long number so when it saves a CSV, "
        "keeping 6 significant digits): it is not read; write the number in full (in Excel, give the column the "
        "Number format and check it, then save again) and import again.",
    ),
    "footnote_mark": (
        "含「{mark}」，像是脚注标记（带圈、上标、下标或带点的数字），未读取：若把它当作数字，会读成「{read}」。"
        "请删去该标记（说明可写在表尾或备注列）后重新导入。",
        "holds “{mark}”, which looks like a footnote mark (a circled, superscript, subscript or full-stop digit), and "
        "was not read: taken as digits it would read “{read}”. Delete the mark (put the note below the table or in a "
        "remarks column) and import again.",
    ),
    "footnote_mark_header": (
        "表头「{header}」含「{mark}」，像是脚注标记，本列未按指标读取（不按去掉或改读该标记后的名称去匹配指标）。"
        "请删去表头中的该标记（说明可写在表尾或备注列）后重新导入。",
        "the header “{header}” holds “{mark}”, which looks like a footnote mark: the column was not read as an "
        "indicator (never matched by its name without the mark, or with the mark read as a digit). Delete the mark "
        "from the header (put the note below the table or in a remarks column) and import again.",
    ),
    "dot_thousands_ambiguous": (
        "在以分号分隔的 CSV 中无法确定是哪个数：可能是 {grouped}（点作千位分隔符，区域设置为欧洲的 Excel 保存的分号分隔 "
        "CSV 就这样写），也可能是 {decimal}（点作小数点）。请将文件另存为以逗号分隔的 CSV，或写成不带千位分隔符的数"
        "（{grouped}）或所指的小数（{decimal}），再重新导入。",
        "cannot be read as one number in a CSV separated by semicolons: it may be {grouped} (a dot grouping "
        "thousands, as semicolon-separated files saved by an Excel set to a European locale write it) or "
        "{decimal} (a decimal point). Save the file as a CSV separated by commas, or write the number without "
        "grouping ({grouped}) or with the decimal point meant ({decimal}), and import again.",
    ),
    "comma_decimal_ambiguous": (
        "在以分号分隔的 CSV 中无法确定是哪个数：可能是 {decimal}（逗号作小数点，区域设置为欧洲的 Excel 保存的分号分隔 "
        "CSV 就这样写），也可能是 {grouped}（逗号作千位分隔符）。请将文件另存为以逗号分隔的 CSV，或写成用小数点的小数"
        "（{decimal}）或不带千位分隔符的数（{grouped}），再重新导入。",
        "cannot be read as one number in a CSV separated by semicolons: it may be {decimal} (a decimal comma, as "
        "semicolon-separated files saved by an Excel set to a European locale write it) or {grouped} (a comma "
        "grouping thousands). Save the file as a CSV separated by commas, or write the number with the decimal "
        "point meant ({decimal}) or without grouping ({grouped}), and import again.",
    ),
    "comma_decimal": (
        "用逗号作小数点（区域设置为欧洲的 Excel 保存的分号分隔 CSV 就这样写），应是 {decimal}，但本系统中逗号不是"
        "小数点，不按此读取：请写成用小数点的小数（{decimal}），再重新导入。",
        "is written with a decimal comma (as semicolon-separated files saved by an Excel set to a European locale "
        "write it), {decimal} if so, but a comma here is no decimal mark and it is not read that way: write the "
        "number with the decimal point ({decimal}), and import again.",
    ),
    "dot_thousands": (
        "用点分隔千位（区域设置为欧洲的 Excel 保存的分号分隔 CSV 就这样写），应是 {grouped}，但本系统中点是小数点，"
        "不按此读取：请将文件另存为以逗号分隔的 CSV，或写成不带千位分隔符的数（{grouped}），再重新导入。",
        "groups thousands with dots (as semicolon-separated files saved by an Excel set to a European locale write "
        "it), {grouped} if so, but a dot here is a decimal point and it is not read that way: save the file as a "
        "CSV separated by commas, or write the number without grouping ({grouped}), and import again.",
    ),
    "twin_columns_differ": (
        "与同样表示该项的「{other}」列在本行不一致（「{other_value}」），无法判断以哪一列为准：请删除或改名其中一列后重新导入。",
        "disagrees on this row with column “{other}”, which names the same field (“{other_value}”), and which of "
        "them holds the figure cannot be known: delete or rename one of them and import again.",
    ),
    "indicator_columns_differ": (
        "是指标「{indicator}」，而本行「{other}」列的「{other_value}」是另一个指标「{other_indicator}」，"
        "无法判断数值属于哪个指标：请核对这两列后重新导入。",
        "is the indicator “{indicator}”, but “{other_value}” in column “{other}” on this row is another indicator, "
        "“{other_indicator}”: which one the figure belongs to cannot be known. Check the two columns and import again.",
    ),
    "indicator_column_unknown": (
        "不是指标目录中的指标，无法与本行「{other}」列的「{other_value}」（指标「{indicator}」）核对，"
        "无法判断数值属于哪个指标：请核对这两列后重新导入。",
        "is not in the indicator catalog, so it cannot be checked against “{other_value}” in column “{other}” on "
        "this row (the indicator “{indicator}”), and which indicator the figure belongs to cannot be known. Check "
        "the two columns and import again.",
    ),
    "indicator_column_blank": (
        "为空，无法与本行「{other}」列的「{other_value}」（指标「{indicator}」）核对：文件同时有这两列时，"
        "每行两列都须填写，并指同一个指标。请补上后重新导入。",
        "is blank, so it cannot be checked against “{other_value}” in column “{other}” on this row (the indicator "
        "“{indicator}”): a file with both columns must fill in both on every row, naming the same indicator. Fill it "
        "in and import again.",
    ),
    "indicator_name_ambiguous": (
        "指标名称「{name}」在 {period} 的指标目录中不是任何指标的名称，而在其他时期先后是多个指标的名称：{candidates}，"
        "无法判断数值属于哪个指标：请改用指标代码，或写 {period} 的指标名称后重新导入。",
        "the indicator name “{name}” is no indicator's name in the catalog of {period}, and at other times it was "
        "the name of more than one indicator: {candidates}; which one the figure belongs to cannot be known. Use "
        "the indicator's code, or its name in {period}, and import again.",
    ),
    "indicator_name_shared": (
        "指标名称「{name}」在 {period} 的指标目录中是多个指标的名称：{candidates}，无法判断数值属于哪个指标："
        "请改用指标代码后重新导入。",
        "the indicator name “{name}” is the name of more than one indicator in the catalog of {period}: "
        "{candidates}; which one the figure belongs to cannot be known. Use the indicator's code and import again.",
    ),
    "indicator_name_candidate": ("{code}（{spans}）", "{code} ({spans})"),
    "indicator_name_candidates_sep": ("、", "; "),
    "indicator_name_spans_sep": ("；", " and "),
    "name_span_between": ("{since} 起，{until} 以前", "from {since}, before {until}"),
    "name_span_from": ("{since} 起", "from {since}"),
    "name_span_before": ("{until} 以前", "before {until}"),
    "name_span_always": ("各期", "every period"),
    "text_outside_header": (
        "第 {position} 列没有表头，却有内容：常见原因是 CSV 中带千位分隔符的数字没有加引号，一个数被逗号分成了两列"
        '（如 1,480.2 应写作 "1,480.2" 或 1480.2），也可能是该列缺少表头。请核对后重新导入。',
        "column {position} has no header but holds text: most often a number with a thousands separator that is not "
        'quoted in a CSV, split by its comma over two columns (1,480.2 must be written "1,480.2" or 1480.2), or a '
        "column whose header is missing. Check it and import again.",
    ),
    "excel_error_value": (
        "是 Excel 错误值（公式无法计算），不是数值：请修正公式或填写数值后重新导入。",
        "is an Excel error value (a formula that could not be calculated), not a number: correct the formula or "
        "enter the value, and import again.",
    ),
    "excel_error_value_text": (
        "是 Excel 错误值（公式无法计算），不是有效内容：请修正公式或填写内容后重新导入。",
        "is an Excel error value (a formula that could not be calculated), not valid content: correct the formula or "
        "enter the text, and import again.",
    ),
    "formula_without_value": (
        "是公式，文件中没有保存它的计算结果（由其他软件生成、未在 Excel 或 WPS 中保存过的文件常见），无法得知其数值："
        "请用 Excel 或 WPS 打开该文件并保存，再重新导入。",
        "is a formula whose result the file does not hold (common in files written by other software and never "
        "saved in Excel or WPS), so its value is unknown: open the file in Excel or WPS, save it, and import it "
        "again.",
    ),
    "not_a_date": (
        "不是日期，示例：2025-06-30、2025/6/30、2025年6月30日。",
        "is not a date; e.g. 2025-06-30 or 2025/6/30.",
    ),
    "date_after_today": (
        "日期 {date} 晚于今天（{today}），已发生的培训或干部调整不会在今天之后，请核对日期（常见为年份输错）。",
        "the date {date} is after today ({today}); a training attended or a personnel decision taken cannot be "
        "later than today: check the date (often a mistyped year).",
    ),
    "period_not_begun": (
        "考核期 {period} 尚未开始（始于 {begins}，今天 {today}），还不会有这一期的数字，请核对考核期（常见为年份输错）。",
        "the period {period} has not begun (it starts on {begins}; today is {today}), so it cannot have figures yet: "
        "check the period (often a mistyped year).",
    ),
    "not_a_period": (
        "不是考核期，示例：2025、2025Q2、2025年二季度、2025年上半年、2025-06。",
        "is not a period; e.g. 2025, 2025Q2, 2025H1, 2025-06.",
    ),
    "not_a_year": ("不是出生年份（应为 1940–2010 之间的年份）。", "is not a birth year (1940-2010)."),
    "not_an_appraisal_year": (
        "不是考核年度（应为 {first}–{last} 之间的年份，如 2025 或 2025年度）。",
        "is not an appraisal year ({first}-{last}, e.g. 2025).",
    ),
    "not_in_choices": ("不是允许的值，应为：{choices}。", "is not allowed; use one of: {choices}."),
    "negative": ("不能为负数。", "must not be negative."),
    "unknown_county": ("县区不存在于行政区划中。", "is not a county of the region list."),
    "unknown_township": ("乡镇不属于该县区。", "is not a township of that county."),
    "ambiguous_name": ("名称不唯一，可能是：{candidates}。", "is ambiguous; it could be: {candidates}."),
    "did_you_mean": ("是否为「{suggestion}」？", "Did you mean “{suggestion}”?"),
    "unknown_indicator": ("指标目录中没有该指标。", "is not in the indicator catalog."),
    "catalog_relabels_values": (
        "指标「{indicator}」的{field}由「{before}」改为「{after}」，将适用于已有数据的 {n} 个考核期（{first} 至 {last}）："
        "这些数值按「{before}」存储，不会换算，改后将按「{after}」读取。如{field}从某期起改变，请另加一行并填写晚于"
        "已有数据的生效起始期（如 {next}）；如是另一个指标，请使用新的指标代码。",
        "changes the {field} of indicator {indicator} from “{before}” to “{after}” for {n} stored "
        "{n:period|periods} holding values ({first} to {last}): those values are stored as “{before}” and are not "
        "converted, so they would read as “{after}”. If the {field} changes from some period on, add a row with a "
        "生效起始期 (effective-from) after the stored periods (e.g. {next}); if it is another indicator, give it a "
        "new indicator code.",
    ),
    "indicator_not_yet_in_force": (
        "指标「{indicator}」自 {since} 起生效，{period} 没有其生效的目录版本，该值不会计分。"
        "如该指标此前已在考核，请在指标目录中补一个更早的版本（或不填生效起始期）后再导入。",
        "indicator “{indicator}” is in force from {since}; no catalog version is in force for {period}, so the value "
        "would not be scored. If the indicator was assessed before, add an earlier version to the catalog (or one "
        "without 生效起始期) and import again.",
    ),
    "duplicate_key": ("与第 {other} 行重复（{fields}）。", "duplicates row {other} ({fields})."),
    "duplicate_key_differs": (
        "与第 {other} 行重复（{fields}），但「{column}」不同：第 {other} 行为「{that}」，本行为「{this}」。请核对后删去错误的一行。",
        "duplicates row {other} ({fields}), but “{column}” differs: “{that}” in row {other}, “{this}” here. Check "
        "which is right and delete the other row.",
    ),
    "duplicate_key_differs_many": (
        "与第 {others} 行重复（{fields}），且各行不尽相同：「{column}」第 {other} 行为「{that}」，本行为「{this}」。"
        "请核对后只保留正确的一行。",
        "duplicates rows {others} ({fields}), and the rows differ: “{column}” is “{that}” in row {other}, “{this}” "
        "here. Check which is right and keep only that row.",
    ),
    "track_required": ("赛马指标必须填写赛道。", "race indicators need a track."),
    # --- notes in the preview
    "note_total_rows": (
        "已忽略合计/平均行（共 {n} 行）：第 {rows} 行。",
        "{n:Total/average row|Total/average rows} ignored: {n:row|rows} {rows}.",
    ),
    "note_hidden_rows": (
        "{n} 行在 Excel 中是隐藏行（或被筛选隐藏），已照常导入：第 {rows} 行；如不应导入，请删除后重新上传。",
        "{n:Row|Rows} {rows} {n:is|are} hidden in Excel (by hand or by a filter) and {n:imports|import} like the "
        "others; if {n:it|they} should not, delete {n:it|them} and upload again.",
    ),
    "note_hidden_columns": (
        "{n} 列在 Excel 中是隐藏列，已照常导入：{columns}；如不应导入，请删除后重新上传。",
        "{n:Column|Columns} {columns} {n:is|are} hidden in Excel and {n:imports|import} like the others; if "
        "{n:it|they} should not, delete {n:it|them} and upload again.",
    ),
    "note_missing_markers": (
        "{n} 个单元格写作{markers}，按缺失（无数值）读入，不按 0 计（如第 {row} 行「{column}」列「{example}」）；排名按规则处理缺失值。"
        "如本意是 0，请填写 0 后重新导入。",
        "{n} {n:cell|cells} written {markers} {n:was|were} read as missing (no value), not as 0 (e.g. row {row}, "
        "column “{column}”, “{example}”); rankings treat a missing value by their rule. If 0 is meant, write 0 "
        "and import again.",
    ),
    "note_read_as_blank": (
        "「{column}」列 {n} 个单元格写作{markers}，读作空（未填写），如第 {row} 行。如本意不是空，请填写后重新导入。",
        "Column “{column}”: {n} {n:cell|cells} written {markers} {n:was|were} read as blank (not given), e.g. row "
        "{row}. If something is meant, write it and import again.",
    ),
    "note_notes_under_header": (
        "已忽略表头下的说明行（共 {n} 行）：第 {rows} 行。",
        "{n:Note row|Note rows} under the header ignored: {n:row|rows} {rows}.",
    ),
    "note_notes_among_rows": (
        "已忽略数据行之间的说明行（共 {n} 行）：第 {rows} 行。",
        "{n:Note row|Note rows} among the data rows ignored: {n:row|rows} {rows}.",
    ),
    "note_footnotes": (
        "已忽略表尾说明（共 {n} 行）：第 {rows} 行。",
        "{n:Footnote|Footnotes} ignored: {n:row|rows} {rows}.",
    ),
    "note_ignored_columns": ("已忽略非指标列：{columns}。", "Columns that are not indicators, ignored: {columns}."),
    "note_unlabelled_column": (
        "第 {column} 列没有表头，其中 {n} 个单元格有内容，未导入（如第 {row} 行「{example}」）：如是数据，请补上表头后重新导入。",
        "Column {column} has no header: {n} {n:cell|cells} with content not imported (e.g. row {row}, “{example}”); "
        "if it is data, give it a header and import again.",
    ),
    "note_twin_columns_same": (
        "「{other}」列与「{column}」列表示同一项，各行内容相同，按「{column}」列导入。",
        "Column “{other}” names the same field as column “{column}” and agrees with it on every row: imported "
        "from “{column}”.",
    ),
    "note_indicator_columns_same": (
        "「{other}」列与「{column}」列都表示指标，已逐行核对，每行两列所指的指标相同，按「{column}」列导入。",
        "Column “{other}” names the indicator as column “{column}” does, and was checked against it row by row: "
        "both name the same indicator on every row; imported from “{column}”.",
    ),
    "note_indicator_old_name": (
        "指标名称「{given}」不是 {periods} 的指标目录中任何指标的名称，而是指标 {code} 在其他时期的名称，"
        "已按「{indicator}」导入（{n} 个数值），请核对。",
        "The indicator name “{given}” is no indicator's name in the catalog of {periods}, but indicator {code}'s "
        "name at other times: imported as “{indicator}” ({n} {n:value|values}); check it.",
    ),
    "note_extra_columns": ("未识别的列（不导入）：{columns}。", "Unrecognised columns (not imported): {columns}."),
    "note_name_fixed": (
        "「{given}」按「{matched}」导入（{n} 行）。",
        "“{given}” read as “{matched}” ({n} {n:row|rows}).",
    ),
    # --- values the importer changed or refused (intake integrity)
    "note_percent_format": (
        "「{column}」列 {n} 个单元格为 Excel 百分比格式（存为小数），按显示的百分数导入，如第 {row} 行「{example}」→ {value}。",
        "Column “{column}”: {n} Excel percent {n:cell|cells} (stored as fractions) read as the percent "
        "shown, e.g. row {row}: “{example}” → {value}.",
    ),
    "note_percent_fraction_kept": (
        "指标「{indicator}」中未设百分比格式、单元格中未写 % 的 {n} 个数值都不超过 1.5（如第 {row} 行「{example}」），"
        "像是小数形式的百分比，已按原值导入。若本意是百分数，请把单元格设为百分比格式或写成「85%」后重新导入。",
        "The {n} {n:value|values} of indicator “{indicator}” written without % in the cell and without a percent "
        "format {n:is|are} all at most 1.5 (e.g. row {row}, “{example}”), like fractions of a percent: imported as "
        "written. If percents were meant, format the cells as percent or write “85%”, and "
        "import again.",
    ),
    "note_percent_fraction_among_percents": (
        "指标「{indicator}」有 {n} 个未设百分比格式、单元格中未写 % 的数值不超过 1.5（如第 {row} 行「{example}」），而其余数值的"
        "中位数为 {usual}：像是小数形式的百分比，已按原值导入，请核对。若本意是百分数，请把单元格设为百分比格式或写成"
        "「85%」后重新导入。",
        "Indicator “{indicator}”: {n} {n:value|values} written without % in the cell and without a percent format "
        "{n:is|are} at most 1.5 (e.g. row {row}, “{example}”) while the others have a median of {usual}: like "
        "fractions of a percent, imported as written; please check. If percents were meant, format the cells as "
        "percent or write “85%”, and import again.",
    ),
    "note_unit_converted": (
        "「{column}」列 {n} 个单元格的单位「{source}」已换算为「{target}」（×{factor}），如第 {row} 行「{example}」→ {value}。",
        "Column “{column}”: {n} {n:cell|cells} in {source} converted to {target} (×{factor}), e.g. "
        "row {row}: “{example}” → {value}.",
    ),
    "note_unit_counted": (
        "「{column}」列 {n} 个单元格的单位「{source}」按 1:1 计为「{target}」，如第 {row} 行「{example}」→ {value}。",
        "Column “{column}”: {n} {n:cell|cells} in {source} counted one for one as {target} (学时), e.g. "
        "row {row}: “{example}” → {value}.",
    ),
    "note_unit_read_as": (
        "「{column}」列 {n} 个单元格的单位「{source}」按「{target}」读取（同一金额单位，数值不变），如第 {row} 行「{example}」→ "
        "{value}。",
        "Column “{column}”: {n} {n:cell|cells} in {source} read as {target} (the same money unit; the numbers are "
        "unchanged), e.g. row {row}: “{example}” → {value}.",
    ),
    "note_unit_unchecked": (
        "「{column}」列 {n} 个单元格带单位「{unit}」，该列（或指标目录）未规定单位，按原数值导入，如第 {row} 行「{example}」。",
        "Column “{column}”: {n} {n:cell|cells} with the unit {unit}, which no catalog unit can check: "
        "imported as written, e.g. row {row}: “{example}”.",
    ),
    "note_text_normalized": (
        "「{column}」列 {n} 个单元格的文字已规范化（全角转半角，去除换行、多余空格和不可见字符），"
        "如第 {row} 行「{example}」→「{stored}」{what}。",
        "Column “{column}”: {n} {n:cell|cells} normalized (full-width to half-width, line breaks, "
        "extra spaces and invisible characters removed), e.g. row {row}: “{example}” → “{stored}”{what}.",
    ),
    "note_number_full_width": (
        "「{column}」列 {n} 个数值单元格含全角字符（如全角数字），按半角读入，如第 {row} 行「{example}」→「{read}」。",
        "Column “{column}”: {n} number {n:cell|cells} written with full-width characters (such as full-width "
        "digits) read as half-width, e.g. row {row}: “{example}” → “{read}”.",
    ),
    "note_cell_full_width": (
        "「{column}」列 {n} 个单元格含全角字符（如全角数字），按半角读入，如第 {row} 行「{example}」→「{read}」。",
        "Column “{column}”: {n} {n:cell|cells} written with full-width characters (such as full-width digits) "
        "read as half-width, e.g. row {row}: “{example}” → “{read}”.",
    ),
    # what clean_text changed in a note's example (intake/normalized_text.py)
    "text_changes_made": ("（{changes}）", " ({changes})"),
    "text_fullwidth": ("全角字符转为半角", "full-width characters made half-width"),
    "text_compatibility": ("特殊字形字符转为普通字符", "compatibility characters made plain"),
    "text_invisible": ("去除不可见字符", "invisible characters removed"),
    "text_line_breaks": ("去除换行 ⏎", "line breaks ⏎ removed"),
    "text_spaces_other": ("制表符、全角空格等改为普通空格", "tabs, full-width or no-break spaces made plain spaces"),
    "text_spaces_trimmed": ("去除首尾空格", "spaces at the ends removed"),
    "text_spaces_merged": ("连续空格合为一个", "runs of spaces made one space"),
    "text_spaces_beside_chinese": ("去除汉字旁的空格", "spaces beside Chinese characters removed"),
    "text_space_mark": ("；{mark} 表示空格", "; {mark} marks a space"),
    "note_value_read_as": (
        "列「{column}」的「{example}」按「{stored}」读入（第 {row} 行起，共 {n} 个）。",
        "Column “{column}”: “{example}” read as “{stored}” (from row {row}, {n} {n:cell|cells}).",
    ),
    "note_read_as_shown": (
        "「{column}」列 {n} 个数字单元格的数字格式在数字旁显示文字，已按 Excel 显示的内容读取，如第 {row} 行"
        "「{example}」（格式 {format}，显示为「{shown}」）→「{stored}」。",
        "Column “{column}”: {n} number {n:cell|cells} whose number format shows text beside the number, read as "
        "Excel displays {n:it|them}: e.g. row {row}: “{example}” (format {format}, shown as “{shown}”) → "
        "“{stored}”.",
    ),
    "note_period_from_format": (
        "「{column}」列 {n} 个考核期是带小数的数字，按 Excel 显示的文字读取，如第 {row} 行 {example} 显示为"
        "「{shown}」，读作 {value}。",
        "{n} {n:period|periods} of column “{column}”: numbers with a fraction, read as Excel displays them: e.g. "
        "row {row}: {example} shown as “{shown}”, read as {value}.",
    ),
    "note_period_from_date": (
        "「{column}」列 {n} 个考核期是 Excel 日期（输入的年月被 Excel 存为当月 1 日），按月份读取，如第 {row} 行 "
        "{example} → {value}。",
        "{n} {n:period|periods} of column “{column}”: Excel {n:date|dates} (a month typed is stored as its first "
        "day), read as the month: e.g. row {row}: {example} → {value}.",
    ),
    "note_year_only": (
        "「{column}」列 {n} 个单元格写了月份或日期，只保留年份，如第 {row} 行「{example}」→ {value}。",
        "Column “{column}”: {n} {n:cell|cells} written with a month or a day {n:keeps|keep} the year only, e.g. row "
        "{row}: “{example}” → {value}.",
    ),
    "note_date_serial": (
        "「{column}」列 {n} 个单元格为 Excel 日期序号，已按日期读取，如第 {row} 行「{example}」→ {value}。",
        "Column “{column}”: {n} {n:cell|cells} holding {n:an Excel serial number|Excel serial numbers} read as "
        "{n:a date|dates}, e.g. row {row}: “{example}” → {value}.",
    ),
    # A cadre id read in its stored spelling, ignoring letter case (intake/cadre_ids.py;
    # docs/decisions.md#cadre-ids-in-another-letter-case)
    "note_cadre_id_stored_spelling": (
        "「{column}」列 {n} 个干部编号与已有{source}中的编号只差字母大小写，已按已有写法读取（视为同一人），"
        "如第 {row} 行干部编号 {example} 按已有{source}写作 {stored}。",
        "Column “{column}”: {n} cadre {n:id|ids} differing only in letter case from a stored one read as stored "
        "(the same cadre), e.g. row {row}: cadre id {example} written {stored} as in the stored {source}.",
    ),
    "cadre_id_source_roster": ("名册", "roster"),
    "cadre_id_source_training": ("培训记录", "training records"),
    "cadre_id_source_movements": ("干部调整记录", "personnel movements"),
    "cadre_id_source_appraisals": ("年度考核记录", "appraisal grades"),
    "note_text_apostrophe": (
        "「{column}」列 {n} 个单元格以撇号 ' 开头（Excel 为保留前导零等原样文字的写法），已去掉撇号读取，"
        "如第 {row} 行「{example}」→「{value}」。",
        "Column “{column}”: {n} {n:cell|cells} beginning with an apostrophe (Excel's way to keep a text such as "
        "leading zeros as written) read without it, e.g. row {row}: “{example}” → “{value}”.",
    ),
    "note_text_formula": (
        '「{column}」列 {n} 个单元格写作 ="…"（Excel 为保留前导零等原样文字的写法），已按引号内的文字读取，'
        "如第 {row} 行「{example}」→「{value}」。",
        'Column “{column}”: {n} {n:cell|cells} written ="…" (Excel\'s way to keep a text such as leading zeros as '
        "written) read as the text inside the quotes, e.g. row {row}: “{example}” → “{value}”.",
    ),
    "unit_unknown_header": (
        "表头括号中的「{inner}」不是可识别的单位，无法确认数值的单位；请把数值换算为应有的单位，并删去括号中的内容后再导入。",
        "the header's “{inner}” in brackets is not a unit that can be read, so the numbers' unit "
        "is unknown; convert them to the expected unit and remove the brackets, then import again.",
    ),
    "unit_minutes_header": (
        "表头括号中的「{inner}」表示该列按分钟填写。分钟不换算为学时（各地每学时折合 45、50 或 60 分钟不等，"
        "系统不作假定）；请由培训主管部门按本地规定折算为学时，删去括号中的内容后再导入。",
        "the header's “{inner}” in brackets says the column is in minutes. Minutes are not converted to 学时 (one "
        "学时 is 45, 50 or 60 minutes by local rule, which the system does not assume); have the training office "
        "convert them to 学时, remove the brackets, then import again.",
    ),
    "unit_unknown_indicator": (
        "指标名称后括号中的「{inner}」不是可识别的单位；请按指标目录中的单位填写数值，并删去括号中的内容。",
        "“{inner}” in brackets after the indicator's name is not a unit that can be read; "
        "enter the value in the catalog's unit and remove the brackets.",
    ),
    "subcolumns_two_actual": (
        "「{column}」下有子列 {subcolumns}，不止一列像是实际值，无法确定导入哪一列；请只保留一列后再导入。",
        "column “{column}” has sub-columns {subcolumns} and more than one looks like the "
        "actual value; keep one column and import again.",
    ),
    "note_subcolumn_chosen": (
        "「{column}」下有子列 {subcolumns}，按规则取「{chosen}」列导入，其余子列不导入。",
        "Column “{column}” has sub-columns {subcolumns}; by rule “{chosen}” is imported and the others are not.",
    ),
    "count_not_whole": (
        "指标「{indicator}」以「{unit}」计数，数值应为整数，{value} 不是整数；请核对后填写整数。",
        "indicator “{indicator}” is a count (unit {unit}): its value is a whole number, and {value} is not; "
        "check it and enter a whole number.",
    ),
    "unit_conflict": (
        "数值的单位有两处写法不一致：{first_place}写的是「{first}」，{second_place}写的是「{second}」，无法确定按哪个"
        "单位导入；请删去错误的一处后重新导入。",
        "two places give the value different units: {first} in {first_place}, {second} in {second_place}, so which "
        "one it is in cannot be known; remove the wrong one and import again.",
    ),
    "unit_conflict_column": (
        "该列的单位有两处写法不一致：{first_place}写的是「{first}」，{second_place}写的是「{second}」，无法确定整列"
        "数值的单位；请删去错误的一处后重新导入。",
        "two places give the column different units: {first} in {first_place}, {second} in {second_place}, so the "
        "unit of its values cannot be known; remove the wrong one and import again.",
    ),
    "unit_column_unknown": (
        "「{unit}」不是可识别的单位，无法确定本行数值的单位；请填写「万元」「亿元」「%」「个」等单位，或留空（按指标"
        "目录的单位）。",
        "“{unit}” is not a unit that can be read, so the unit of this row's value is unknown; write a unit such as "
        "万元, 亿元, % or 个, or leave it blank (the catalog's unit).",
    ),
    "unit_column_in_wide": (
        "每个指标一列的文件中，单位列说不清是哪个指标的单位；请把单位写在指标列表头的括号中（如「招商引资额（万元）」），"
        "删去该列后重新导入。",
        "in a file with one column per indicator, a unit column cannot say which indicator's unit it gives; write "
        "the unit in brackets in the indicator's header (招商引资额（万元）), remove the column and import again.",
    ),
    "title_unit_unknown": (
        "标题中的单位说明「{note}」写的「{unit}」不是可识别的单位，无法确定数值的单位；请写成「单位：万元」「单位：%」"
        "等（几个单位用「、」分隔），或删去该说明后重新导入。",
        "the title's unit note “{note}” gives “{unit}”, which is not a unit that can be read, so the unit of the "
        "values is unknown; write it as 单位：万元 or 单位：% (several units separated by 、), or remove the note and "
        "import again.",
    ),
    "unit_place_header": ("表头「{column}」的括号中", "the brackets of header “{column}”"),
    "unit_place_unit_row": ("第 {row} 行（单位行）", "the unit row (row {row})"),
    "unit_place_title": ("标题中的「{note}」", "the title's “{note}”"),
    "unit_place_unit_column": ("「{column}」列", "column “{column}”"),
    "unit_place_cell": ("单元格中", "the cell"),
    "unit_place_percent_format": ("单元格的百分比格式", "the cell's percent format"),
    "unit_place_indicator": ("指标名称「{name}」的括号中", "the brackets after indicator name “{name}”"),
    "unit_mismatch": (
        "单位「{unit}」与应有的单位「{target}」不同，无法换算；请按「{target}」填写数值。",
        "is in {unit}, which cannot be converted to {target}; enter the value in {target}.",
    ),
    "unit_mismatch_column": (
        "「{column}」列写的单位「{unit}」与应有的单位「{target}」不同，无法换算；请按「{target}」填写数值和单位。",
        "is in {unit} by column “{column}”, which cannot be converted to {target}; enter the value in {target}.",
    ),
    "unit_days_need_rule_column": (
        "「{column}」列写的单位「{unit}」需换算为「{target}」，但未设置每天折算学时（设置 hours_per_day）；请按学时填写。",
        "is in {unit} by column “{column}”: days become {target} only with the hours-per-day setting "
        "(hours_per_day), which is not set; enter hours.",
    ),
    "unit_days_need_rule": (
        "以「{unit}」填写的培训时长需换算为「{target}」，但未设置每天折算学时（设置 hours_per_day）；请按学时填写。",
        "is in {unit}: days become {target} only with the hours-per-day setting "
        "(hours_per_day), which is not set; enter hours.",
    ),
    "hours_in_minutes": (
        "学时不能按分钟（「{unit}」）填写，系统不换算（各地每学时折合 45、50 或 60 分钟不等）；请由培训主管部门"
        "按本地规定折算为学时后填写。",
        "is in minutes (“{unit}”), which are not converted to 学时 (one 学时 is 45, 50 or 60 minutes by local "
        "rule); have the training office convert it to 学时 and enter that.",
    ),
    "hours_unit_not_read": (
        "「{unit}」不是可识别的单位；学时请只填数字，或以「学时」「小时」为单位（如「3学时」；1 小时按 1 学时计）。",
        "“{unit}” is not a unit that can be read; enter the 学时 as a number, or in 学时 or 小时 (e.g. 3学时; one "
        "hour counts as one 学时).",
    ),
    "period_number_ambiguous": (
        "考核期单元格存的是数字 {value}，按其数字格式显示为「{shown}」，看不出原本写的是哪个考核期；请把该列设为文本"
        "格式，写成「2026-10」或「2026年10月」。",
        "the period cell holds the number {value}, which its number format shows as “{shown}”, so the period typed "
        "cannot be told; set the column to text and write 2026-10 or 2026年10月.",
    ),
    "period_ambiguous_shown": (
        "考核期显示为「{written}」（单元格存的是数字 {value}，数字格式只显示到「{written}」），可能是{readings}，"
        "无法确定是哪一个，不作猜测；请把该列设为文本格式，按所指写成其中一种。",
        "the period shows as “{written}” (the cell holds the number {value}, which its number format shows so), "
        "which may be {readings}; it is not guessed: set the column to text and write the one meant.",
    ),
    "period_ambiguous": (
        "考核期写作「{written}」，可能是{readings}，无法确定是哪一个，不作猜测；请按所指写成其中一种。",
        "the period is written “{written}”, which may be {readings}; it is not guessed: write the one meant.",
    ),
    "period_reading_quarter": ("「{written}」（{year}年第{n}季度）", "{written} (quarter {n} of {year})"),
    "period_reading_h1": ("「{written}」（{year}年上半年）", "{written} (the first half of {year})"),
    "period_reading_h2": ("「{written}」（{year}年下半年）", "{written} (the second half of {year})"),
    "period_reading_month": ("「{written}」（{year}年{n}月）", "{written} (month {n} of {year})"),
    "period_readings_or": ("或", " or "),
    "format_text_unknown": (
        "单元格存的是数字，其数字格式 {format} 在数字旁显示文字，但无法可靠地推出 Excel 显示的内容；请把该列设为"
        "「文本」格式，按显示的样子重新录入后再导入。",
        "the cell holds a number whose number format {format} shows text beside it, but what Excel displays "
        "cannot be derived reliably; set the column to Text, type the values as they should read, then import.",
    ),
    "number_format_scaled": (
        "单元格存的是 {value}，但数字格式 {format} 把它除以 {factor} 后显示（{shown}），看不出哪一个是本列单位的"
        "数值；请把该列格式改为「常规」，按本列单位填写数值后再导入。",
        "the cell holds {value}, but its number format {format} shows it divided by {factor} ({shown}), so which "
        "of the two is in the column's unit cannot be told; set the column's format to General, enter the values "
        "in the column's unit, then import.",
    ),
    "number_format_text": (
        "单元格的数字格式 {format} 在数字前显示「{text}」，无法据此确定数值及其单位；请把该列格式改为「常规」，"
        "单位写在表头中（如「数值（万元）」）后再导入。",
        "the cell's number format {format} shows “{text}” before the number, which says nothing certain of the "
        "value or its unit; set the column's format to General, write the unit in the header (e.g. 数值（万元）), "
        "then import.",
    ),
    "id_digits_lost": (
        "编号按数字保存，已丢失位数（科学计数法或超过 15 位，共 {n} 行，如第 {rows} 行），不同的人可能变成同一"
        "编号。请在 Excel 中把该列设为「文本」格式，重新录入编号后再导入。",
        "ids were stored as numbers and lost digits (E-notation or more than 15 digits; {n} {n:row|rows}; row "
        "numbers {rows}), so different people may now share one id. In Excel set the column to Text, "
        "enter the ids again, then import.",
    ),
    "class_weight_unknown_class": (
        "「{peer_class}」不是县区名单中的考核类别（现有：{classes}）；请核对类别名称，或先导入含该类别的县区名单。",
        "“{peer_class}” is not a peer class of the region list (it has: {classes}); check the name, or import a "
        "region list with that class first.",
    ),
    "class_weight_no_classes": (
        "这一列是「{peer_class}」类的权重，但县区名单没有考核类别；请先导入含「考核类别」列的县区名单。",
        "this column gives weights for the class “{peer_class}”, but the region list has no peer classes; import a "
        "region list with a 考核类别 (peer class) column first.",
    ),
    "class_weight_negative": (
        "类别权重不能为负数（填 0 表示该类别不考核此指标，留空则用通用权重）。",
        "a class weight cannot be negative (0 leaves the indicator out of the class; blank uses the common weight).",
    ),
    "subcolumns_ambiguous": (
        "「{column}」下有子列 {subcolumns}，无法确定导入哪一列（应有一列为「实际」或「完成值」）；请只保留"
        "一列后再导入。",
        "column “{column}” has sub-columns {subcolumns} and none is the actual value (实际 or 完成值); "
        "keep one column and import again.",
    ),
    "note_period_from_title": ("考核期取自标题：{period}。", "Period taken from the title: {period}."),
    "note_title_period_full_width": (
        "标题（第 {row} 行）中的考核期含全角字符（如全角数字），按半角读入：「{example}」→「{read}」。",
        "The title's period (row {row}) is written with full-width characters (such as full-width digits), read as "
        "half-width: “{example}” → “{read}”.",
    ),
    "note_period_not_over": (
        "{periods} 尚未结束（今天 {today}）：这些是期中数字，导入后与结束的考核期一样参与排名和达标判断。",
        "Not over yet (today is {today}): {periods}. These are figures so far, and once imported they rank and are "
        "judged like those of a finished period.",
    ),
    "note_period_given": ("考核期为填写值：{period}。", "Period as entered: {period}."),
    "note_period_given_title": (
        "考核期为填写值：{period}，与标题一致。",
        "Period as entered: {period}, as the title states.",
    ),
    "note_period_given_title_several": (
        "考核期为填写值：{period}。标题中写有{found}，不是一个考核期，未取标题的考核期。",
        "Period as entered: {period}. The title writes {found}, not one period, so no period is taken from it.",
    ),
    "note_period_title_several_column": (
        "标题中写有{found}，不是一个考核期，未取标题的考核期：各行的考核期取自「考核期」列。",
        "The title writes {found}, not one period, so no period is taken from it: each row's is its period column's.",
    ),
    "note_period_given_column": (
        "考核期为填写值：{period}，与「{column}」列各行一致。",
        "Period as entered: {period}, as every row of column “{column}” states.",
    ),
    "note_period_given_column_rest": (
        "考核期为填写值：{period}，与「{column}」列其余各行一致；第 {row} 行起 {n} 行的考核期为空或无法读取，不导入。",
        "Period as entered: {period}, as the other rows of column “{column}” state; {n} {n:row|rows} from row "
        "{row} with the period blank or unreadable {n:is|are} not imported.",
    ),
    "note_period_given_unused": (
        "填写的考核期 {period} 未使用：只有赛马考评得分和关心关爱指标文件按填写的考核期读入。",
        "The period entered, {period}, is not used: only race-score and care files take a period entered.",
    ),
    "note_as_of_given_unused": (
        "填写的统计日期 {as_of} 未使用：只有干部花名册按统计日期读入。",
        "The as-of date entered, {as_of}, is not used: only a roster takes an as-of date.",
    ),
    "note_as_of_blank": (
        "「{column}」列 {n} 个空白单元格按统计日期 {as_of}（{source}）读入，如第 {row} 行。",
        "Column “{column}”: {n} blank {n:cell|cells} read as the as-of date {as_of} ({source}), e.g. row {row}.",
    ),
    "note_as_of_given_column": (
        "统计日期为填写值：{as_of}，与「{column}」列各行一致。",
        "As-of date as entered: {as_of}, as every row of column “{column}” states.",
    ),
    "note_as_of": ("统计日期：{as_of}（{source}）。", "As-of date: {as_of} ({source})."),
    "note_as_of_title": ("取自标题", "from the title"),
    "note_as_of_given": ("填写值", "as entered"),
    "note_as_of_given_title": ("填写值，与标题一致", "as entered, as the title states"),
    "note_sheets_skipped": ("已跳过工作表：{sheets}。", "Sheets skipped: {sheets}."),
    "note_sheet_data_skipped": (
        "工作表「{sheet}」也是可导入的数据（{kind}），未导入：如需导入，请把它另存为单独的文件后导入。",
        "Sheet “{sheet}” holds data that would import ({kind}) and was not imported: to import it, save it as a "
        "file of its own and import that.",
    ),
    "sheets_same_kind": (
        "另有 {n} 张工作表（{others}）与「{sheet}」是同类数据，一个文件只导入一张工作表，无法判断应导入哪一张，整个文件未导入："
        "请把每张工作表另存为单独的文件，分别导入。",
        "{n:sheet|sheets} {others} {n:holds|hold} data of the same kind as “{sheet}”; a file imports one sheet, and "
        "which one is meant "
        "cannot be told, so the file was not imported: save each sheet as a file of its own and import each.",
    ),
    "sheet_kind_values": ("考评得分或关爱指标", "race scores or welfare indicators"),
    "note_merged_data_cells": (
        "合并单元格只在第一行有值，其余行按空白读取：{ranges}；请取消合并，在每一行填写后重新导入。",
        "Merged cells hold their value on the first row only; the other rows read as blank: {ranges}. Unmerge them, "
        "fill in every row, and import again.",
    ),
    "note_hidden_sheet_used": (
        "数据取自隐藏的工作表「{sheet}」；如不应导入，请检查该工作簿。",
        "The data come from the hidden sheet “{sheet}”; if they should not, check the workbook.",
    ),
    "note_rejected": ("跳过无效行：拒绝 {n} 行。", "Invalid rows skipped: {n} rejected."),
    # --- complementary suppression
    "withheld": ("不公开", "withheld"),
    "mark_few_people": ("人数<{threshold}", "<{threshold} people"),
    "chart_marks_not_zero": (
        "标注「<{threshold}」或「不公开」的县区只标注、不画柱高，并非 0。",
        "A county marked “<{threshold}” or “withheld” has its mark and no bar: it is not 0.",
    ),
    "withheld_rate_small": ("不公开（人数少于{threshold}）", "withheld (fewer than {threshold})"),
    "withheld_note": (
        "「不公开」的数字并不小：为防止用合计、小计减去其余数字推算出小于 {threshold} 的数字，"
        "本页各表、图和下载中一并隐藏。",
        "“withheld” figures are not small: they are hidden as well, in every table, chart and "
        "download on this page, so that no figure below {threshold} can be worked out by subtracting "
        "the others from a total or subtotal.",
    ),
    "training_privacy_withheld": (
        "人数少于 {threshold} 人的分组显示 <{threshold}，比率显示「不公开（人数少于 {threshold}）」；"
        "另有分组标为「不公开」，以免用县区或全市合计减去其余分组推算出小组的数字。"
        "未参训人员名单只对本县账号和市级管理员显示。",
        "Groups of fewer than {threshold} {threshold:cadre|cadres} show <{threshold}, and their rates "
        "“withheld (fewer than {threshold})”; some other groups show “withheld”, so that "
        "a small group's figures cannot be worked out by subtracting the others from the "
        "county's or prefecture's total. Names of untrained cadres: the county's own accounts and prefecture "
        "administrators only.",
    ),
    "training_units_below_hidden": (
        "另有 {n} 个单位的数字不公开（人数少于阈值或为防推算而隐藏），不论是否达标均未列入。",
        "{n} more {n:unit|units} whose figures are withheld (too small, or hidden with a small one) "
        "{n:is|are} left out, whether or not {n:it meets|they meet} the target.",
    ),
    # --- security
    "session_ended": (
        "此会话已结束：登录身份与本浏览器不符。请重新打开页面。",
        "This session has ended: its sign-in does not belong to this browser. Open the page again.",
    ),
    "signin_no_server": (
        "无法登录：应用未以 serve.py 启动（请运行 streamlit run serve.py），登录所需的会话 Cookie 不可用。",
        "Cannot sign in: the app was not started with serve.py (run streamlit run serve.py), so "
        "the session cookie sign-in needs is not available.",
    ),
    "signin_no_cookie": (
        "无法登录：浏览器未发送会话 Cookie（请允许本站 Cookie 后重新打开页面）。",
        "Cannot sign in: the browser sent no session cookie (allow cookies for this site and open the page again).",
    ),
    "cell_too_long": (
        "单元格 {cell} 有 {length:,} 个字符，超过每个单元格 {limit:,} 个字符的上限；文件未读取。",
        "Cell {cell} holds {length:,} characters, over the limit of {limit:,} per cell; the file was not read.",
    ),
    "file_rows_over_cap": (
        "文件超过单个文件 {limit:,} 行的上限，读取已停止；请拆分后分别导入。",
        "The file has more than {limit:,} {limit:row|rows}, the limit per file; reading stopped. Split it and "
        "import the parts.",
    ),
    "file_cells_over_cap": (
        "文件超过单个文件 {limit:,} 个单元格的上限，读取已停止；请拆分后分别导入。",
        "The file has more than {limit:,} {limit:cell|cells}, the limit per file; reading stopped. Split it "
        "and import the parts.",
    ),
    "file_read_timeout": (
        "读取文件超过 {seconds:g} 秒仍未完成，已停止；请拆分后分别导入。",
        "Reading the file took more than {seconds:g} seconds and was stopped; split it and import the parts.",
    ),
    "name_invisible_char": (
        "名称含不可见字符或控制字符 {char}（如零宽字符、文字方向控制符），请删除后重新导入。",
        "the name contains the invisible or control character {char} (a zero-width or "
        "text-direction character); remove it and import again.",
    ),
    "name_too_long": (
        "名称有 {length} 个字符，超过名称 {limit} 个字符的上限。",
        "the name has {length} characters, over the limit of {limit} for a name.",
    ),
    "cli_unlocked": ("已解除 {name} 的登录锁定。", "{name} may sign in again (the failed attempts no longer count)."),
    # --- CLI
    "cli_imported": (
        "已导入 {file}：{kind} {rows:,} 行{values}，批次 #{batch}",
        "imported {file}: {kind}, {rows:,} {rows:row|rows}{values}, batch #{batch}",
    ),
    "cli_effects": (
        "（新增 {new} 条，覆盖已有 {changed} 条，与已有相同 {same} 条）",
        " ({new} new, {changed} existing superseded, {same} unchanged)",
    ),
    "cli_effects_classes_cleared_regions": (
        "；注意：{n} 个县区或乡镇的考核类别将被清除（文件中为空或没有「考核类别」列）",
        "; note: the peer class of {n} {n:county or township|counties or townships} cleared (blank or no 考核类别 "
        "column in the file)",
    ),
    "cli_effects_classes_cleared_indicators": (
        "；注意：{n} 个指标的类别权重将被清除，改用通用权重（文件中没有「权重（类别）」列或为空）",
        "; note: the class weights of {n} {n:indicator|indicators} dropped, the common weight used instead (no "
        "权重（类别） column or cell in the file)",
    ),
    "data_effects_classes_cleared_regions": (
        "导入后 {n} 个县区或乡镇将不再有考核类别（文件中为空或没有「考核类别」列），分类考核的排名随之改变。如非本意，"
        "请在文件中保留「考核类别」列。",
        "After this import {n} {n:county or township|counties or townships} will have no peer class (blank or no "
        "考核类别 column in the file), and the class rankings change with it. If that is not meant, keep the 考核类别 "
        "column in the file.",
    ),
    "data_effects_classes_cleared_indicators": (
        "导入后 {n} 个指标将不再有各考核类别的权重，各类别改用通用权重（文件中没有「权重（类别）」列或为空）。如非本意，"
        "请在文件中保留这些列。",
        "After this import {n} {n:indicator has|indicators have} no class weights and every class takes the common "
        "weight (no 权重（类别） column or cell in the file). If that is not meant, keep those columns in the file.",
    ),
    "cli_rescore_hint": (
        "如改动只应从某一期起适用：回退批次 #{batch}（incentive rollback {batch}），在文件中加「生效起始期」列、填写起始考核期"
        "（如 {example}）后重新导入。",
        "if a change should apply only from a period on: roll back batch #{batch} (incentive rollback "
        "{batch}) and import the file again with a 生效起始期 (effective-from) column giving that period (e.g. "
        "{example}).",
    ),
    "cli_effects_blanked": ("；注意：{n} 个已有数值变为空", "; note: {n} existing {n:value|values} emptied"),
    "cli_effects_blanked_written": (
        "；注意：{n} 个已有数值变为空（文件中写作{markers}）",
        "; note: {n} existing {n:value|values} emptied (written {markers} in the file)",
    ),
    "cli_effects_blanked_some_written": (
        "；注意：{n} 个已有数值变为空（其中 {m} 个文件中写作{markers}，其余为空白）",
        "; note: {n} existing {n:value|values} emptied ({m} written {markers} in the file, the others blank)",
    ),
    "cli_effects_roster": (
        "（替换同一统计日期的快照中 {n} 名干部）",
        " (replaces {n} {n:cadre|cadres} of the snapshot with the same date)",
    ),
    "cli_reading": ("正在读取 {file} …", "reading {file} …"),
    "cli_checking": ("正在检查 {rows:,} 行 …", "checking {rows:,} {rows:record|records} …"),
    "cli_storing": ("正在写入数据库：{rows:,} 行 …", "storing {rows:,} {rows:row|rows} …"),
    "cli_writing_rows": ("正在写入 Excel：{done}/{total} 行", "writing Excel: {done}/{total} {total:row|rows}"),
    "cli_rollback_confirm": (
        "确认撤销批次 #{batch}？该批次的数据将不再显示，被它覆盖的旧值恢复。输入 y 确认：",
        "Roll back batch #{batch}? Its data disappear and the values it superseded return. Type y to confirm: ",
    ),
    "cli_rollback_needs_yes": (
        "撤销批次 #{batch} 需要确认：请在终端中运行并回答 y，或加上 --yes。",
        "Rolling back batch #{batch} needs confirmation: run it in a terminal and answer y, or add --yes.",
    ),
    "cli_rollback_cancelled": ("已取消，未撤销。", "Cancelled; nothing rolled back."),
    "cli_remove_sample_confirm": (
        "确认移除示例数据？示例数据的全部 {n} 个批次将被撤销，其数据不再显示。输入 y 确认：",
        "Remove the sample data? All {n} sample {n:batch is|batches are} rolled back and {n:its|their} data "
        "stop showing. Type y to confirm: ",
    ),
    "cli_remove_sample_needs_yes": (
        "移除示例数据（{n} 个批次）需要确认：请在终端中运行并回答 y，或加上 --yes。",
        "Removing the sample data ({n} {n:batch|batches}) needs confirmation: run it in a terminal and answer y, "
        "or add --yes.",
    ),
    "cli_remove_sample_cancelled": ("已取消，未移除示例数据。", "Cancelled; the sample data stay."),
    "cli_cannot_read": ("无法读取 {path}：{reason}", "cannot read {path}: {reason}"),
    "cli_refused": ("未导入 {file}：", "refused {file}:"),
    "not_importable": ("该文件有问题，不能导入。", "The file has problems and cannot be imported."),
    "cli_rolled_back": ("已撤销批次 #{batch}", "batch #{batch} rolled back"),
    "cli_no_batch": ("没有编号为 {batch} 的有效批次。", "No active batch with id {batch}."),
    "cli_init": ("已初始化数据库 {path}", "database initialised at {path}"),
    "cli_restore_lake": (
        "存储为 DuckLake 时不能用 restore 覆盖：请按 docs/deployment.md 从 PostgreSQL 与数据目录的备份恢复。",
        "restore replaces a DuckDB file; a DuckLake is restored from its PostgreSQL and data-folder "
        "backups (docs/deployment.md).",
    ),
    "cli_synth_file": ("已写入 {file}（{mb:.1f} MB）", "wrote {file} ({mb:.1f} MB)"),
    "cli_sample_hint": (
        "提示：数据库中仍有虚构的示例数据，文件按示例的行政区划和指标目录校验。导入真实数据前请先执行 "
        "incentive remove-sample。",
        "Hint: the fictional sample is still loaded, so files are checked against its regions and "
        "catalog. Run incentive remove-sample before importing real data.",
    ),
    "cli_sample_present": ("示例数据已载入，未重复载入。", "sample data is already loaded; nothing done"),
    "cli_sample": ("已载入示例数据：{n} 个批次", "sample data loaded: {n} {n:batch|batches}"),
    "cli_exported": ("已导出 {rows} 行", "exported {rows} {rows:row|rows}"),
    "cli_xlsx_needs_out": ("--format xlsx 需要 --out 指定文件。", "--format xlsx needs --out PATH."),
    "cli_rankings_need_period": (
        "导出排名需要 --period，如 --period 2025Q4。",
        "Exporting rankings needs --period, e.g. --period 2025Q4.",
    ),
    "cli_coverage_needs_period": (
        "导出覆盖率需要 --period，如 --period 2025 或 2025Q2。",
        "Exporting coverage needs --period, e.g. --period 2025 or 2025Q2.",
    ),
    "cli_needs_period": ("导出 {kind} 需要 --period。", "Exporting {kind} needs --period."),
    "cli_out_folder_missing": (
        "无法写入 {path}：文件夹 {folder} 不存在。请先建立该文件夹，或换一个 --out 路径。",
        "Cannot write {path}: the folder {folder} does not exist. Create it first, or give another --out path.",
    ),
    "cli_needs_year": (
        "导出 {kind} 需要 --year，如 --year 2025。",
        "Exporting {kind} needs --year, e.g. --year 2025.",
    ),
    "cli_township_needs_county": ("--level township 需要 --county 指定县区。", "--level township needs --county."),
    "cli_no_race_period": (
        "{period} 没有赛马得分；有数据的考核期：{periods}。",
        "No race scores for {period}; periods with data: {periods}.",
    ),
    "cli_bad_period": ("考核期无法识别：{value}", "period not recognised: {value}"),
    "cli_period_ambiguous": (
        "考核期「{value}」可能是{readings}，无法确定是哪一个，不作猜测；请按所指写成其中一种。",
        "the period “{value}” may be {readings}; it is not guessed: give the one meant.",
    ),
    # --- CLI: --county, published bulletins, argparse, the held database, publish flags, settings, years
    # (docs/decisions.md#cli-county-option, #cli-language, #one-writer-per-database-file, #bulletin)
    "cli_county_unknown": (
        "没有名为「{county}」的县区；行政区划中的县区有：{counties}。",
        "No county named “{county}” in the region list; the counties are: {counties}.",
    ),
    "cli_county_ambiguous": (
        "「{county}」可能指多个县区：{candidates}。请写出县区全称。",
        "“{county}” could be any of {candidates}; give the county's full name.",
    ),
    "cli_county_no_regions": (
        "没有名为「{county}」的县区：尚未导入行政区划。",
        "No county named “{county}”: no region list has been imported yet.",
    ),
    "cli_county_read_as": ("--county「{given}」按「{county}」处理。", "--county “{given}” read as “{county}”."),
    "cli_county_not_for_kind": (
        "导出 {kind} 不按县区筛选，不能使用 --county；--county 适用于：{kinds}。",
        "export {kind} is not filtered by county, so it does not take --county; --county applies to: {kinds}.",
    ),
    "cli_county_needs_township": (
        "县区排名列出全部县区，--county 用于乡镇排名：加上 --level township 可导出{county}各乡镇的排名。",
        "The county ranking lists every county; --county picks whose townships are ranked: add --level township "
        "for the ranking of the townships of {county}.",
    ),
    "cli_no_township_period": (
        "{county}的乡镇没有 {period} 的赛马得分；其乡镇有得分的考核期：{periods}。",
        "The townships of {county} have no race scores for {period}; periods with their scores: {periods}.",
    ),
    "bulletin_published_care_only": (
        "本期没有赛马得分；本通报所列关心关爱数据为{label}的结果。",
        "There are no race scores for this period; the care figures in this bulletin are the officially published "
        "ones: {label}.",
    ),
    "bulletin_trial_care_only": (
        "实时数据（试算）：本期没有赛马得分，关心关爱数据尚未审定发布，本通报仅供参考。",
        "Live data (trial): there are no race scores for this period and its care figures have not been officially "
        "published; for reference only.",
    ),
    "bulletin_no_ranking": ("无（{period} 没有赛马得分）", "none ({period} has no race scores)"),
    "bulletin_no_care": ("无（{period} 没有关心关爱数据）", "none ({period} has no care figures)"),
    "cli_bulletin_contents": (
        "通报内容：赛马排名——{ranking}；关心关爱数据（{half}）——{care}。",
        "Contents: race ranking: {ranking}; care figures of {half}: {care}.",
    ),
    "cli_bulletin_care_not_published": (
        "{period} 没有赛马得分，{half} 的关心关爱数据也尚未正式发布，通报中没有已发布的内容；去掉 --published 可生成实时数据"
        "（试算）的通报。",
        "{period} has no race scores and the care figures of {half} are not published, so nothing in its bulletin "
        "is published; leave out --published for a bulletin of live data (a trial).",
    ),
    # argparse's own words: the English side is argparse's message id exactly, the Chinese what it says under
    # --lang zh (cli._argparse_language; docs/decisions.md#cli-language)
    "cli_argparse_usage": ("用法：", "usage: "),
    "cli_argparse_positionals": ("位置参数", "positional arguments"),
    "cli_argparse_options": ("选项", "options"),
    "cli_argparse_help": ("显示本帮助并退出", "show this help message and exit"),
    "cli_argparse_heading": ("%(heading)s：", "%(heading)s:"),
    "cli_argparse_argument": ("参数 %(argument_name)s：%(message)s", "argument %(argument_name)s: %(message)s"),
    "cli_argparse_unrecognized": ("无法识别的参数：%s", "unrecognized arguments: %s"),
    "cli_argparse_not_allowed_with": ("不能与参数 %s 同时使用", "not allowed with argument %s"),
    "cli_argparse_ignored_value": ("此选项不带值，不能写 %r", "ignored explicit argument %r"),
    "cli_argparse_required": ("缺少必需的参数：%s", "the following arguments are required: %s"),
    "cli_argparse_one_required": ("参数 %s 中必须给出一个", "one of the arguments %s is required"),
    "cli_argparse_expected_one": ("需要一个值", "expected one argument"),
    "cli_argparse_expected_at_most_one": ("最多只能有一个值", "expected at most one argument"),
    "cli_argparse_expected_at_least_one": ("至少需要一个值", "expected at least one argument"),
    "cli_argparse_expected_n": ("需要 %s 个值", "expected %s argument"),
    "cli_argparse_expected_n_plural": ("需要 %s 个值", "expected %s arguments"),
    "cli_argparse_ambiguous": (
        "选项不明确：%(option)s 可能是 %(matches)s",
        "ambiguous option: %(option)s could match %(matches)s",
    ),
    "cli_argparse_unexpected_option": ("意外的选项：%s", "unexpected option string: %s"),
    "cli_argparse_invalid_value": ("无效的值 %(value)r（应为 %(type)s）", "invalid %(type)s value: %(value)r"),
    "cli_argparse_invalid_choice": (
        "无效的取值 %(value)r（可选：%(choices)s）",
        "invalid choice: %(value)r (choose from %(choices)s)",
    ),
    "cli_argparse_unknown_command": (
        "没有命令 %(parser_name)r（可选：%(choices)s）",
        "unknown parser %(parser_name)r (choices: %(choices)s)",
    ),
    "cli_argparse_error": ("%(prog)s：错误：%(message)s\n", "%(prog)s: error: %(message)s\n"),
    "cli_arg_not_whole": ("「{value}」不是整数", "“{value}” is not a whole number"),
    "cli_arg_not_number": ("「{value}」不是数字", "“{value}” is not a number"),
    # the command line's help (incentive --help, incentive COMMAND --help)
    "cli_metavar_command": ("命令", "command"),
    "cli_metavar_file": ("文件", "files"),
    "cli_metavar_batch": ("批次号", "batch_id"),
    "cli_metavar_path": ("路径", "path"),
    "cli_metavar_name": ("账号名", "name"),
    "cli_metavar_key": ("设置项", "key"),
    "cli_metavar_value": ("值", "value"),
    "cli_metavar_action": ("操作", "action"),
    "cli_metavar_kind": ("导出内容", "kind"),
    "cli_help_description": (
        "干部激励看板命令行（也可用 python -m incentive 运行）",
        "干部激励看板 command line (also python -m incentive)",
    ),
    "cli_help_db": (
        "DuckDB 数据库文件（默认：环境变量 INCENTIVE_DB，否则 data/incentive.duckdb）",
        "DuckDB file (default: $INCENTIVE_DB or data/incentive.duckdb)",
    ),
    "cli_help_lang": ("提示信息的语言", "message language"),
    "cli_help_wait": (
        "数据库被其他进程占用时最多等待的秒数（默认 30）",
        "seconds to wait while another process holds the database (default 30)",
    ),
    "cli_help_format": ("输出格式", "output format"),
    "cli_help_init": ("建立数据库结构", "create the schema"),
    "cli_help_init_sample": ("同时载入自带的示例数据", "also load the bundled sample data"),
    "cli_help_import": ("导入文件，每个文件整体导入或整体不导入", "import files, each all-or-nothing"),
    "cli_help_import_files": ("要导入的文件（CSV、Excel）", "the files to import (CSV, Excel)"),
    "cli_help_import_kind": (
        "文件类型（默认：按每个文件识别）",
        "the kind of the files (default: recognised in each file)",
    ),
    "cli_help_import_skip_invalid": ("导入有效的行，列出被拒绝的行", "import valid rows, report rejected ones"),
    "cli_help_import_rejects": (
        "与 --skip-invalid 同用：将被拒绝的行写入此 CSV 文件",
        "with --skip-invalid: write rejected rows as CSV here",
    ),
    "cli_help_import_period": (
        "宽表文件中没有考核期时，指定其考核期（如 2025Q2）",
        "period of a wide file that has none (e.g. 2025Q2)",
    ),
    "cli_help_import_as_of": (
        "花名册中没有统计日期时，指定其统计日期（如 2025-06-30）",
        "as-of date of a roster that has none (e.g. 2025-06-30)",
    ),
    "cli_help_replace_roster": (
        "花名册导入后某些县区将没有在册干部时，确认仍要替换该统计日期的全市快照",
        "replace the prefecture's snapshot of a roster's date even though some counties would have no cadres",
    ),
    "cli_roster_replace_needs_flag": (
        "导入将替换该统计日期全市快照中的 {cadres} 名干部，上列县区将没有在册干部。"
        "如确是全市的名单，请加 --replace-roster 再次导入；如只是一个县区的名单，请由该县区通过「报送」提交。",
        "Importing it would replace {cadres} {cadres:cadre|cadres} of the prefecture's snapshot of its date, "
        "and the counties above would have none. If it is the whole prefecture's list, import it again with "
        "--replace-roster; if it is one county's, let that county send it through 报送.",
    ),
    "cli_roster_new_date_needs_flag": (
        "该统计日期还没有快照：导入后，自该日起上列县区将没有在册干部。"
        "如确是全市的名单，请加 --replace-roster 再次导入；如只是一个县区的名单，请由该县区通过「报送」提交。",
        "Its date has no snapshot yet: from that date on, the counties above would have no cadres. If it is the "
        "whole prefecture's list, import it again with --replace-roster; if it is one county's, let that county send "
        "it through 报送.",
    ),
    "cli_help_batches": ("列出导入批次，最早的在前", "list import batches, oldest first"),
    "cli_help_rollback": ("撤销一个批次（会先要求确认）", "undo one batch exactly (asks for confirmation)"),
    "cli_help_rollback_batch": ("批次编号（见 batches）", "the batch's id (see batches)"),
    "cli_help_rollback_yes": ("不再询问确认", "do not ask for confirmation"),
    "cli_help_remove_sample": (
        "撤销示例数据的全部批次（会先要求确认）",
        "roll back every batch of the bundled sample data (asks for confirmation)",
    ),
    "cli_help_check": (
        "已导入数据中超出合理范围的数值，以及与上期相比变动异常的数值（每项一行；退出码 0）",
        "values of the loaded data outside their plausible range, and unusual changes from the previous period "
        "(one line each; exit 0)",
    ),
    "cli_help_backup": (
        "将整个数据库复制到一个新文件（一致的快照）",
        "copy the whole database to a new file (a consistent snapshot)",
    ),
    "cli_help_backup_path": (
        "新文件的路径（不会覆盖已有文件）",
        "the new file (an existing file is never overwritten)",
    ),
    "cli_help_restore": ("用备份替换数据库（请先停止看板）", "replace the database with a backup (stop the app first)"),
    "cli_help_restore_path": ("备份文件", "the backup file"),
    "cli_help_synth": (
        "生成一个虚构的省或市的数据文件（用于性能测试）",
        "write a fictional province or prefecture's files (for benchmarks)",
    ),
    "cli_help_scale": ("规模：全省或一个市", "the scale: a province or one prefecture"),
    "cli_help_synth_out": ("写入文件的文件夹", "the folder to write the files to"),
    "cli_help_synth_seed": ("随机种子（默认：该规模的固定种子）", "random seed (default: the scale's fixed seed)"),
    "cli_help_hash_password": (
        "输出新密码的 argon2 哈希值（输入两次，不回显）",
        "print the argon2 hash of a new password (read twice, not echoed)",
    ),
    "cli_help_unlock": (
        "让因多次登录失败而被锁定的管理员账号可以再次登录",
        "let an administrator name locked by failed sign-ins sign in again",
    ),
    "cli_help_unlock_name": ("被锁定的账号名", "the locked name"),
    "cli_help_user": (
        "数据库中的账号（与「用户管理」页相同）：列出、添加、修改",
        "accounts kept in the database (as on the users page): list, add, change",
    ),
    "cli_help_user_action": ("操作：{actions}", "what to do: {actions}"),
    "cli_help_user_name": ("账号名（list 以外都需要）", "the account (all but list)"),
    "cli_help_user_role": ("角色：add 必填，change 可改", "add (required), change"),
    "cli_help_user_county": ("add、change：县区角色所属的县区", "add, change: the county of a county role"),
    "cli_help_user_identity": (
        "add、change：统一身份认证的身份（电子邮箱）",
        "add, change: a single sign-on identity (e-mail)",
    ),
    "cli_help_settings": (
        "显示全部设置；settings 设置项：显示一项设置的值、默认值、允许范围和含义；settings 设置项 值：修改该项",
        "show the settings; settings KEY: one setting's value, default, allowed values and meaning; settings KEY "
        "VALUE: change it",
    ),
    "cli_help_settings_key": ("设置项的名称，如 coverage_target", "a setting's key, e.g. coverage_target"),
    "cli_help_settings_value": ("该项的新值", "its new value"),
    "cli_help_publish": (
        "审定发布某期的赛马排名和关心关爱达标状态（每次发布生成一个新版本）",
        "publish a period's ranking and care statuses officially (a new version each time)",
    ),
    "cli_help_publish_period": ("考核期，如 2026Q3", "the period, e.g. 2026Q3"),
    "cli_help_publish_document_no": ("发布的文号", "文号 of the publication"),
    "cli_help_publish_note": ("备注", "a note"),
    "cli_help_publish_reason": ("更正原因（该期已发布过时必填）", "required when the period is already published"),
    "cli_help_publish_allow_incomplete": (
        "部分县区数据未报齐时仍发布（随版本记录）",
        "publish although some counties' data of the period are not all in (recorded with the version)",
    ),
    "cli_help_publish_override": (
        "有报送待审核时仍要发布的理由",
        "why to publish while submissions await review",
    ),
    "cli_help_alerts": (
        "某年或某期的预警清单，最严重的在前（精确数字）",
        "the warning list (预警清单) of a year or a period, most severe first (exact figures)",
    ),
    "cli_help_alerts_period": (
        "一个考核期，如 2026Q3（只用周期与之相同的规则）",
        "one period, e.g. 2026Q3 (each rule whose periods have its form)",
    ),
    "cli_help_alerts_year": ("年度（默认：有数据的最新年度）", "a calendar year (default: the newest year with data)"),
    "cli_help_alerts_county": ("只列出该县区的预警", "one county's warnings"),
    "cli_help_deliver": (
        "将某期的通报（Word）、简报（PDF）和预警清单写入一个文件夹，供定时任务使用",
        "write a period's 通报 (Word), briefings (PDF) and warning list into a folder, for cron or a timer",
    ),
    "cli_help_deliver_period": (
        "考核期，如 2026Q3；或 last-quarter / last-half：今天之前的上一个季度或半年",
        "e.g. 2026Q3; or last-quarter / last-half: the one before today's",
    ),
    "cli_help_deliver_out": ("文件夹（不存在时自动建立）", "the folder (created if missing)"),
    "cli_help_deliver_webhook": (
        "将摘要发送到这个内网机器人地址（默认：环境变量 INCENTIVE_WEBHOOK）",
        "post a summary to this intranet robot address (default: $INCENTIVE_WEBHOOK)",
    ),
    "cli_help_deliver_webhook_format": (
        'text：企业微信、钉钉机器人接受的 {"msgtype": "text", …}；json：摘要的各个字段',
        'text: {"msgtype": "text", …} as WeCom and DingTalk robots take it; json: the summary’s fields',
    ),
    "cli_help_deliver_no_pdf": ("不生成 PDF 简报", "leave the PDF briefings out"),
    "cli_help_deliver_published": (
        "该期排名未正式发布时拒绝生成",
        "refuse a period whose ranking is not officially published",
    ),
    "cli_help_export": (
        "按标准列名导出某类数据的当前行，或排名等结果",
        "current rows of a kind in canonical columns, or the rankings",
    ),
    "cli_help_export_kind": ("导出的内容：{kinds}", "what to export: {kinds}"),
    "cli_help_export_year": (
        "movements_summary、progress、reminders：年度",
        "movements_summary, progress, reminders: the calendar year",
    ),
    "cli_help_export_period": ("考核期，如 2025Q2 或 2025年第二季度", "the period, e.g. 2025Q2"),
    "cli_help_export_format": ("输出格式（xlsx 需要 --out）", "output format (xlsx needs --out)"),
    "cli_help_export_out": ("写入此文件，而不是标准输出", "write to this file instead of standard output"),
    "cli_help_group_rankings": ("排名（rankings）", "rankings"),
    "cli_help_group_coverage": ("培训覆盖（coverage）", "coverage"),
    "cli_help_export_compare": (
        "对比期：增加 compare_rank 和 rank_change 两列",
        "compare period: adds compare_rank and rank_change",
    ),
    "cli_help_export_method": ("标准化方法（默认 z）", "default z"),
    "cli_help_export_published": (
        "rankings、welfare_status、bulletin：该期正式发布（审定发布）的结果，而不是当前数据",
        "rankings, welfare_status, bulletin: the period's published results (审定发布), not current data",
    ),
    "cli_help_export_weights": (
        "赛道权重，如 项目建设=0.4,乡村振兴=0.2（其余赛道保持原有占比）",
        "track weights, e.g. 项目建设=0.4,乡村振兴=0.2 (others keep their share)",
    ),
    "cli_help_export_level": (
        "county：县区排名；township：--county 所指县区的乡镇排名",
        "county: the counties; township: the townships of --county",
    ),
    "cli_help_deliver_document_no": (
        "全市通报的文号（默认：该期正式发布时的文号，否则用设置中的文号；各县区副本不填文号）",
        "the prefecture 通报's 文号 (default: the published period's own, else the setting; county copies have none)",
    ),
    "cli_help_export_document_no": (
        "bulletin：本文件的文号（默认：该期正式发布时的文号，否则用设置中的文号）",
        "bulletin: this document's 文号 (default: the published period's own, else the setting)",
    ),
    "cli_help_export_class": (
        "rankings：只排该考核类别（分类考核）的县区或乡镇，按本类权重；县区有类别时这是正式排名，不给则按统一权重排全部",
        "rankings: rank only the counties or townships of this peer class (分类考核), by the class's weights; where "
        "classes exist this is the official ranking, and without it all are ranked by the common weights",
    ),
    "cli_unknown_class": (
        "没有考核类别「{peer_class}」；现有类别：{classes}。",
        "there is no peer class “{peer_class}”; the classes are: {classes}.",
    ),
    "cli_classes_exist": (
        "说明：县区分为考核类别（{classes}），正式排名为类别内排名（--class 类别）；本表按统一权重排全部单位，仅供参考。",
        "Note: the units are in peer classes ({classes}) and the official ranking is within a class (--class NAME); "
        "this table ranks them all by the common weights, for reference.",
    ),
    "cli_help_export_county": (
        "一个县区（也接受能唯一确定的简称，如「柏川」）：rankings --level township 排该县区的乡镇；welfare_status、"
        "progress、reminders、untrained 只导出该县区；bulletin 生成该县区的通报",
        "one county (a short form that names one county, such as 柏川, is taken): rankings --level township ranks "
        "its townships; welfare_status, progress, reminders, untrained keep its rows; bulletin makes its 通报",
    ),
    "cli_help_export_tiers": (
        "第一、第三方阵所占单位的百分比，如 30,30（默认各占三分之一）",
        "percent of units in the first and the third tier, e.g. 30,30 (default: a third each)",
    ),
    "cli_help_export_by": (
        "coverage：按县区、单位、职级或职级组（乡科级及以下／县处级及以上）分行",
        "coverage: a row per county, unit, rank or rank group (section level and below, division level and above)",
    ),
    "cli_help_export_suppress": (
        "隐藏看板浏览者看不到的内容（小群体和小计数，以及为防止从合计推算而一并隐藏的数字），用于对外分享。适用于 {kinds}",
        "{kinds}: hide what a viewer of the app does not see (small groups and counts, and the figures withheld with "
        "them so they cannot be worked out from totals), for sharing",
    ),
    "cli_held": (
        "数据库正被运行中的看板程序占用（{path}），incentive {command} 未能运行。可{where}，或先停止看板再运行。",
        "The running dashboard app holds the database ({path}), so incentive {command} could not run: {where}, "
        "or stop the app first.",
    ),
    # --- storage faults (incentive/store/storage_faults.py): the cause, what to do, and the sentence around them
    "storage_write_failed": (
        "保存失败：{cause}。本次操作没有写入任何数据，原有数据不受影响，页面仍可照常浏览。{todo}",
        "Not saved: {cause}. Nothing of this change was written, the data already stored are unchanged, and the "
        "pages can still be read. {todo}",
    ),
    "data_import_stopped": ("「{file}」未能导入", "“{file}” was not imported"),
    "data_import_stopped_rest": ("，其后 {n} 个文件未处理", "; the {n} {n:file|files} after it were not tried"),
    "cli_file_refused": (
        "无法写入文件 {path}：{reason}。未写完的文件可能留在原处，请删除后换一个有空间、可写入的位置重试。",
        "Could not write the file {path}: {reason}. A part-written file may be left there; delete it and try again "
        "in a place with space that may be written.",
    ),
    "sign_in_storage": (
        "暂时无法登录：{cause}。每次登录都须记入审计日志，写不进去就不能登录；不登录仍可浏览各页。{todo}",
        "Signing in is not possible now: {cause}. Every sign-in must be written to the audit log, and it cannot be; "
        "the pages can still be read without signing in. {todo}",
    ),
    "storage_read_failed": ("读取数据失败：{cause}。{todo}", "The data cannot be read: {cause}. {todo}"),
    "storage_no_space": ("数据库所在磁盘已满", "the disk that holds the database is full"),
    "storage_no_space_todo": (
        "请联系系统管理员清理磁盘空间后重试。",
        "Ask the system administrator to free disk space, then try again.",
    ),
    "storage_not_permitted": (
        "本程序没有写入数据库文件或其所在文件夹的权限（只读）",
        "this program may not write the database file or its folder (read-only)",
    ),
    "storage_not_permitted_todo": (
        "请联系系统管理员恢复写入权限后重试。",
        "Ask the system administrator to restore write permission, then try again.",
    ),
    "storage_locked": ("数据库正被另一个程序占用", "another program holds the database"),
    "storage_locked_todo": (
        "请稍后重试；若一直如此，请联系系统管理员查明占用数据库的程序。",
        "Try again in a moment; if it persists, ask the system administrator which program holds it.",
    ),
    "storage_damaged": ("数据库文件可能已损坏", "the database file may be damaged"),
    "storage_damaged_todo": (
        "请联系系统管理员检查磁盘，必要时停止服务并从备份恢复（incentive restore）。",
        "Ask the system administrator to check the disk and, if need be, stop the service and restore a backup "
        "(incentive restore).",
    ),
    "storage_unreachable": (
        "无法连接数据库服务器（DuckLake 的 PostgreSQL 目录库）",
        "the database server (DuckLake's PostgreSQL catalog) cannot be reached",
    ),
    "storage_unreachable_todo": (
        "请联系系统管理员检查数据库服务是否在运行、网络是否连通，恢复后刷新页面或重新启动看板。",
        "Ask the system administrator to check that the database service runs and can be reached, then reload the "
        "page or restart the dashboard.",
    ),
    "storage_unreachable_at": (
        "无法连接数据库服务器 {host}:{port}（DuckLake 的 PostgreSQL 目录库，用户 {user}）：连接被拒绝，服务器可能未运行或网络不通",
        "the database server {host}:{port} (DuckLake's PostgreSQL catalog, user {user}) cannot be reached: the "
        "connection was refused, or the server is not running or out of reach",
    ),
    "storage_catalog_login": (
        "数据库服务器 {host}:{port}（DuckLake 的 PostgreSQL 目录库）拒绝了用户 {user} 的登录：密码错误、未提供密码或没有该用户",
        "the database server {host}:{port} (DuckLake's PostgreSQL catalog) refused the login of user {user}: a "
        "wrong or missing password, or no such user",
    ),
    "storage_catalog_login_todo": (
        "服务器在运行。请联系系统管理员核对 INCENTIVE_STORAGE 中的用户名和密码（或服务账户的 ~/.pgpass），改正后重新启动看板。",
        "The server is running. Ask the system administrator to check the user and password in INCENTIVE_STORAGE (or "
        "the service account's ~/.pgpass), then restart the dashboard.",
    ),
    "storage_catalog_missing": (
        "数据库服务器 {host}:{port}（DuckLake 的 PostgreSQL 目录库，用户 {user}）上没有名为 {database} 的数据库",
        "the database server {host}:{port} (DuckLake's PostgreSQL catalog, user {user}) has no database named "
        "{database}",
    ),
    "storage_catalog_missing_todo": (
        "服务器在运行。请联系系统管理员按 docs/deployment.md 创建该数据库（createdb），或改正 INCENTIVE_STORAGE 中的 "
        "dbname，然后重新启动看板。",
        "The server is running. Ask the system administrator to create that database as docs/deployment.md says "
        "(createdb), or to correct dbname in INCENTIVE_STORAGE, then restart the dashboard.",
    ),
    "storage_other": ("存储系统报告了错误", "the storage reported an error"),
    "storage_other_todo": (
        "请联系系统管理员查看服务日志中的原始错误后重试。",
        "Ask the system administrator to look up the storage's own message in the service log, then try again.",
    ),
    "audit_action_write_failed": ("写入失败", "Write failed"),
    "audit_detail_storage": ("{cause}（{message}）", "{cause} ({message})"),
    "cli_held_stop_app": (
        "数据库正被运行中的看板程序占用（{path}），incentive {command} 未能运行。看板中没有这项操作，请先停止看板再运行。",
        "The running dashboard app holds the database ({path}), so incentive {command} could not run, and the app "
        "has no such action: stop the app first.",
    ),
    "cli_held_import": ("在看板的「数据管理」页导入", "import on its Data page"),
    "cli_held_batches": ("在看板的「数据管理」页查看或撤销导入批次", "see or roll back batches on its Data page"),
    "cli_held_sample": ("在看板的「数据管理」页移除示例数据", "remove the sample on its Data page"),
    "cli_held_check": ("在看板的「数据管理」页查看数据核查结果", "see the checks on its Data page"),
    "cli_held_backup": ("在看板的「数据管理」页备份", "back up on its Data page"),
    "cli_held_settings": ("在看板的「数据管理」页修改设置", "change the settings on its Data page"),
    "cli_held_users": ("在看板的「用户管理」页操作", "do it on its Users page"),
    "cli_held_publish": (
        "在看板「赛马排名」或「关心关爱」页的「审定发布」表单发布",
        "publish with the 审定发布 (Publish officially) form of its Rankings or Welfare page",
    ),
    "cli_held_alerts": ("在看板的「预警清单」页查看", "see it on its Warnings page"),
    "cli_held_deliver": (
        "在看板的「赛马排名」页下载通报和简报、在「预警清单」页下载预警清单",
        "download the bulletin and briefings on its Rankings page and the warning list on its Warnings page",
    ),
    "cli_held_download": ("在看板的「{page}」页下载", "download it from its {page} page"),
    "cli_pub_needs_reason": (
        "{period} 已正式发布；再次发布将生成新版本，请用 --reason 写明更正原因。",
        "{period} is already published; publishing it again makes a new version, so give the reason for the "
        "correction with --reason.",
    ),
    "cli_pub_pending": (
        "{period} 尚有 {n} 份报送待审核，暂不能发布。请先在看板的「审核」页审核，或用 --override-pending 写明理由后强制发布。",
        "{period} has {n} {n:submission|submissions} awaiting review and cannot be published yet. Review "
        "{n:it|them} first (the app's Review page), or give a reason to publish anyway with --override-pending.",
    ),
    "cli_pub_needs_reason_and_pending": (
        "{period} 已正式发布；再次发布将生成新版本，请用 --reason 写明更正原因。另有 {n} 份报送待审核：请先审核，"
        "或同时用 --override-pending 写明强制发布理由。",
        "{period} is already published; publishing it again makes a new version, so give the reason for the "
        "correction with --reason. Also, {n} {n:submission|submissions} of it {n:awaits|await} review: review "
        "{n:it|them} first, or also give a reason to publish anyway with --override-pending.",
    ),
    "cli_pub_rollbacks_pending": (
        "{period} 的数据另有 {n} 份撤销申请待审核：请先在看板的「审核」页审核，或用 --override-pending 写明强制发布理由。",
        "{n} {n:request|requests} to roll back data of {period} {n:awaits|await} review: review {n:it|them} first "
        "(the app's Review page), or give a reason to publish anyway with --override-pending.",
    ),
    "cli_pub_document_no_long": (
        "--document-no 的文号最多 {limit} 个字。",
        "The document number of --document-no has at most {limit} {limit:character|characters}.",
    ),
    "setting_explained": (
        "{label}（{name}）：当前为 {value}；默认 {default}；允许：{accepts}。",
        "{label} ({name}): now {value}; default {default}; allowed: {accepts}.",
    ),
    "setting_accepts_whole": ("{range} 的整数", "a whole number, {range}"),
    "setting_accepts_text": ("一行文字，{low}～{high} 个字符", "one line of {low} to {high} characters"),
    "cli_year_before_tracking": (
        "{year} 年没有应报送的文件：报送进度从 {first} 年算起（有数据的最早一年，最晚为上一年）。请选择 {first} 至 {last} 年。",
        "Nothing was owed for {year}: the submission tracker starts in {first} (the first year with data, or last "
        "year if that is earlier). Choose a year from {first} to {last}.",
    ),
    "cli_no_batches": ("（没有导入批次）", "(no batches)"),
    # --- rankings page
    "rank_level": ("比较层级", "Level"),
    "level_county": ("县区", "Counties"),
    "level_township": ("乡镇", "Townships"),
    "rank_county": ("所属县区", "County"),
    "rank_county_from_sidebar": ("{county}（侧栏所选县区）", "{county} (the county chosen in the sidebar)"),
    "rank_no_periods": (
        "还没有赛马得分数据，请在「数据管理」导入。",
        "No race scores yet; import them on the Data page.",
    ),
    "rank_period": ("考评期", "Period"),
    "rank_compare": ("对比期", "Compare with"),
    "rank_no_compare": ("不对比", "No comparison"),
    "rank_method": ("标准化方法", "Normalization"),
    "method_z": ("z 分数", "z-score"),
    "method_minmax": ("功效系数（0-100）", "Min-max (0-100)"),
    "method_points": ("原始分值", "Points as given"),
    "method_short_z": ("z 分数", "z"),
    "method_short_minmax": ("功效系数", "min-max"),
    "method_short_points": ("原始分值", "points"),
    "rank_settings": ("赛道权重与方阵划分（试算）", "Track weights and tiers (what-if)"),
    "rank_weights": ("赛道权重（试算）", "Track weights (what-if)"),
    "rank_weights_help": (
        "默认为各赛道在指标目录中的权重占比；修改后按比例归一化为 100%，结果仅供试算。",
        "Defaults are each track's share of the catalog weight; changed weights are scaled to sum "
        "to 100% and give an exploratory ranking only.",
    ),
    "rank_tier_first": ("第一方阵比例（%）", "First tier (% of units)"),
    "rank_tier_third": ("第三方阵比例（%）", "Third tier (% of units)"),
    "rank_custom_tiers": (
        "方阵划分：前 {first:.0%} 为第一方阵，后 {third:.0%} 为第三方阵（默认各三分之一）。",
        "Tiers: the top {first:.0%} are the first tier, the bottom {third:.0%} the third (default: a third each).",
    ),
    "rank_weights_reset": ("恢复目录权重", "Reset to catalog"),
    "rank_weights_scaled": (
        "所填权重合计 {total}，已按比例换算为合计 100%（各赛道占比如上）。",
        "The weights entered add up to {total}; they are scaled in proportion to add up to 100% (the shares above).",
    ),
    "rank_custom_banner": (
        "非正式权重（试算）：{weights}。正式排名以指标目录权重为准。",
        "Unofficial weights (what-if): {weights}. Only catalog weights give the official ranking.",
    ),
    "kpi_leader_unit": ("第一名{unit}", "Leading {unit}"),
    "kpi_composite_value": ("综合得分 {value:.2f}", "composite {value:.2f}"),
    "kpi_leader_track": ("{track}第一名{unit}", "Leading {unit} in {track}"),
    "kpi_track_value": ("赛道得分 {value:.2f}", "track score {value:.2f}"),
    "kpi_ranked": ("参与排名", "Ranked"),
    "kpi_unranked": ("{n} 个数据不全", "{n} with incomplete data"),
    "kpi_riser": ("上升最多", "Biggest riser"),
    "kpi_faller": ("下降最多", "Biggest faller"),
    "rank_unranked_listed": (
        "上列县区中 {n} 个数据不全（有数据的赛马指标不足 {share:g}%），未参与排名。",
        "{n} of the counties listed above have fewer than {share:g}% of the race indicators and are not ranked.",
    ),
    "rank_unranked_note": (
        "数据不全、未参与排名（有数据的赛马指标不足 {share:g}%）：{units}。",
        "Not ranked, data incomplete (fewer than {share:g}% of the race indicators present): {units}.",
    ),
    "chart_rank_composite_reference": (
        "{peers}{period} 综合得分（统一权重，仅供参考；正式排名为类别内）",
        "{peers}Composite, {period}, common weights (reference; the official ranks are within classes)",
    ),
    "chart_rank_composite": (
        "{peers}{period} 综合得分与方阵（{method}）",
        "{peers}Composite and tiers, {period} ({method})",
    ),
    "chart_rank_intervals": ("排名及其区间", "Rank and its intervals"),
    "axis_rank": ("排名", "Rank"),
    "rank_no_catalog": (
        "{period} 有赛马得分，但没有适用于它的指标目录（目录可能已随示例数据移除）：请在「数据管理」导入指标目录后再看排名。",
        "{period} has race scores but no indicator catalog in force for it (it may have gone with the sample data): "
        "import the catalog on the Data page to see the ranking.",
    ),
    "rank_nobody_ranked": (
        "{period} 各单位有数据的指标均不足 {share:g}%（「参与排名的最低指标覆盖率」），无单位参与排名。",
        "In {period} no unit has {share:g}% of the indicators present (the least share to be ranked): nobody is "
        "ranked.",
    ),
    "rank_interval_many": (
        "参评单位有 {n} 个：区间只反映权重等建模选择带来的名次变动，不反映数据本身的测量误差。",
        "{n} {n:unit is|units are} ranked: the intervals cover the modelling choices only, not "
        "measurement error in the data.",
    ),
    "rank_interval_note": (
        "粗条为各赛道权重在 0.8-1.2 倍间随机扰动 {draws} 次后名次的第 5 至第 95 百分位；细线为全部建模选择（权重、标准化方法、"
        "缺失值处理、去掉一项指标）同时变动时的第 5 至第 95 百分位。区间重叠的单位名次差异不宜过度解读。",
        "The bar is the 5th-95th percentile rank over {draws} {draws:draw|draws} with each track weight scaled by "
        "0.8-1.2; the thin line the same with every modelling choice drawn at once (weights, normalization, missing "
        "values, leaving one indicator out). Do not over-read rank gaps between units whose intervals overlap.",
    ),
    "rank_interval_legend": ("权重区间", "Weight interval"),
    "rank_robust_legend": ("稳健区间（全部建模选择）", "Robust (every modelling choice)"),
    "rank_table": ("排名总表", "Ranking table"),
    "rank_file_name": ("赛马排名_{peers}_{period}", "rankings_{peers}_{period}"),
    "download_csv": ("下载 CSV", "Download CSV"),
    "download_note_col": ("说明", "Note"),
    "download_xlsx": ("下载 Excel", "Download Excel"),
    "chart_track_heatmap": ("{period} 各赛道得分", "Track scores, {period}"),
    "chart_rank_bump": ("历次考评排名走势", "Rank over the periods"),
    "rank_bump_breaks_county": (
        "{periods}参与排名的县区与上一期不同，名次不可比，走势线在此断开。",
        "{periods} ranked other counties than the period before: the ranks are not comparable and the lines break there.",
    ),
    "rank_bump_breaks_township": (
        "{periods}参与排名的乡镇与上一期不同，名次不可比，走势线在此断开。",
        "{periods} ranked other townships than the period before: the ranks are not comparable and the lines break "
        "there.",
    ),
    "rank_focus_title": ("{unit}详情", "One {unit} up close"),
    "rank_focus": ("选择{unit}", "Choose {unit}"),
    "rank_detail": ("{unit} {period} 各项指标", "{unit}: indicators, {period}"),
    "rank_why": ("{unit}为何排名变化", "Why {unit}'s rank changed"),
    "rank_why_needs_compare": (
        "选择对比期后显示各指标对综合得分变化的贡献。",
        "Choose a compare period to see what each indicator added to the change.",
    ),
    "rank_why_unranked": (
        "{unit}在其中一期数据不全，未参与排名，无法分解变化。",
        "{unit} was not ranked in one of the periods (incomplete data); no breakdown.",
    ),
    "chart_waterfall": ("综合得分变化分解：{before} → {now}", "What changed the composite: {before} → {now}"),
    "waterfall_start": ("{period} 得分", "{period}"),
    "waterfall_end": ("{period} 得分", "{period}"),
    "rank_why_note": (
        "综合得分是相对成绩：某项指标的贡献既来自本单位数值的变化，也来自其他单位的变化。",
        "The composite is relative: an indicator's push comes from the unit's own value and from how "
        "the other units moved.",
    ),
    "rank_moved": ("{unit}：第 {before} 名 → 第 {now} 名。", "{unit}: rank {before} → rank {now}."),
    "rank_passed_by": ("超过它的：{units}。", "Passed it: {units}."),
    "rank_left_behind": ("被它超过的：{units}。", "It passed: {units}."),
    "rank_townships": ("{county} 各乡镇 {period} 排名（同一方法）", "Townships of {county}, {period} (same method)"),
    "rank_no_townships": (
        "{county} 在 {period} 没有乡镇赛马得分。",
        "No township race scores for {county} in {period}.",
    ),
    "rank_methodology": ("计算方法说明", "How the ranking is computed"),
    "rank_methodology_text": (
        "1. **比较范围**：同一考评期内参与比较的各县区（或同一县区的各乡镇）；有考核类别时（分类考核），只比较同一类别的单位，"
        "按本类权重（可不考核某些指标），这是正式排名。\n"
        "2. **数据不全**：有数据的赛马指标不足 {share:g}%（「参与排名的最低指标覆盖率」）的单位列为「数据不全」，不参与排名，"
        "也不参与均值、标准差计算。\n"
        "3. **缺失值**：其余单位缺失的指标用参评单位的平均值补齐，并在表中标注「插补」。\n"
        "4. **标准化**：每项指标按方向换算，使数值越大越好。z 分数 =（数值 − 平均值）÷ 标准差（总体标准差），"
        "逆向指标取相反数，截断于 ±3；功效系数 =（数值 − 最小值）÷（最大值 − 最小值）× 100，逆向指标取 100 减之；"
        "原始分值不作换算。全部相同时 z 记 0、功效系数记 50。功效系数前先处理离群值：偏度绝对值 > 2 且峰度 > 3.5 的指标"
        "逐步缩尾（最多 5 步），并在表中标注「缩尾」。\n"
        "5. **加权**：赛道得分 = 赛道内各指标得分按目录权重的加权平均；综合得分 = Σ 赛道权重 × 赛道得分。"
        "赛道权重默认取各赛道在目录中的权重占比。\n"
        "6. **排名与方阵**：综合得分最高为第 1 名，得分相同名次相同（1、2、2、4）；n 个单位中前 ⌈n/3⌉ 名为第一方阵，"
        "后 ⌊n/3⌋ 名为第三方阵，其余为第二方阵。\n"
        "7. **排名区间与稳健区间**：排名区间只扰动权重，各赛道权重独立乘以 0.8-1.2 间的随机系数并重新归一化，模拟 {draws} 次"
        "（固定随机种子，结果可复现），取名次的第 5 至第 95 百分位。稳健区间同时随机改变全部建模选择：赛道权重（±20%）、"
        "标准化方法（z 分数或功效系数）、缺失值处理（均值插补或不计入赛道均值）、去掉一项指标（不去掉或任去一项，机会均等），"
        "同样模拟 {draws} 次，列中位名次与第 5 至第 95 百分位。单位详情说明单独改变哪一项选择对其名次影响最大。\n"
        "8. **变化分解**：每项指标在综合得分中的份额 = 其实际权重 × 标准化得分；两期份额之差即该指标的贡献，各项贡献之和等于综合得分的变化。\n\n"
        "完整说明与算例见 docs/methodology.md。",
        "1. **Peers**: the counties (or the townships of one county) with race scores in the period; where they "
        "have peer classes, only the units of one class, by the class's weights (which may leave indicators out): "
        "the official ranking.\n"
        "2. **Incomplete data**: a unit with fewer than {share:g}% of the race indicators present (the least share "
        "to be ranked) is listed as not ranked and left out of the means and standard deviations.\n"
        "3. **Missing values**: another unit's missing indicator is filled with the peer mean and flagged "
        "“imputed”.\n"
        "4. **Normalization**, so that higher is always better: z-score = (value − mean) ÷ population standard "
        "deviation, sign flipped for lower-is-better, capped at ±3; min-max = (value − min) ÷ (max − min) × 100, or "
        "100 minus that for lower-is-better; points are taken as given. All equal: z 0, min-max 50. Before min-max, "
        "an indicator with |skewness| > 2 and kurtosis > 3.5 is winsorized step by step (at most 5 steps) and "
        "flagged “winsorized”.\n"
        "5. **Weights**: track score = catalog-weighted mean of its indicators; composite = Σ track weight × track "
        "score; track weights default to each track's share of the catalog weight.\n"
        "6. **Ranks and tiers**: highest composite is rank 1; ties share the better rank (1, 2, 2, 4). Of n units "
        "the first ⌈n/3⌉ ranks are the first tier, the last ⌊n/3⌋ the third, the rest the second.\n"
        "7. **Rank interval and robust interval**: the rank interval varies the weights only: each track weight is "
        "multiplied by an independent factor in 0.8-1.2 and the weights rescaled, {draws} {draws:time|times} with a "
        "fixed seed; it is the 5th-95th percentile rank. The robust interval draws every modelling choice at once: "
        "track weights (±20%), normalization (z-score or min-max), missing values (peer mean, or left out of the "
        "track mean) and leaving one indicator out (none or any one, equally likely), also {draws} "
        "{draws:time|times}, with the "
        "median rank and the 5th-95th percentile. A unit's detail says which single choice moves its rank most.\n"
        "8. **Why it changed**: an indicator's part of the composite is its effective weight × its score; the "
        "change of a part is that indicator's contribution, and the contributions add up to the change.\n\n"
        "The full description with a worked example is in docs/methodology.md.",
    ),
    "flag_unranked": ("数据不全（缺 {n} 项）", "Incomplete data ({n} missing)"),
    "flag_imputed": ("插补：{names}", "Imputed: {names}"),
    "flag_winsorized": ("缩尾：{names}", "Winsorized: {names}"),
    "col_indicator_coverage": ("指标覆盖率", "Indicators present"),
    "flag_imputed_cell": ("缺失，按均值插补", "missing, peer mean used"),
    "flag_winsorized_cell": ("离群值，按缩尾规则计入", "outlier, winsorized before min-max"),
    "col_rank": ("排名", "Rank"),
    "col_rank_interval": ("排名区间", "Interval"),
    "col_rank_median": ("中位名次", "Median rank"),
    "col_peer_class": ("考核类别", "Peer class"),
    "overview_class_leaders": ("各考核类别第一名", "Leader of each peer class"),
    "overview_class_leader": ("{peer_class}：{units}", "{peer_class}: {units}"),
    "bulletin_classes_note": (
        "各县区按{classes}分类考核：以下名次、方阵和升降均为本类别内、按本类权重的结果。",
        "The counties are assessed in peer classes ({classes}): every rank, tier and move below is within the class, "
        "by its weights.",
    ),
    "bulletin_class_heading": ("{peer_class}类（{n} 个县区）：", "Class {peer_class} ({n} {n:county|counties}):"),
    "rank_class": ("考核类别", "Peer class"),
    "rank_class_all": ("全部", "All"),
    "rank_class_all_note": (
        "分类考核：各考核类别的指标权重不同，正式排名为类别内排名。本视图按指标目录的统一权重比较全部{units}，"
        "仅供参考。",
        "Peer classes: each class has its own indicator weights, and the official ranking is within the class. This "
        "view compares all {units} by the catalog's common weights, for reference only.",
    ),
    "rank_class_note": (
        "分类考核：{peer_class}类 {n} 个{units}按本类权重相互比较{left_out}。",
        "Peer classes: the {n} {units} of the class {peer_class} are compared with each other by the class's "
        "weights{left_out}.",
    ),
    "rank_class_left_out": ("，本类不考核：{names}", "; the class leaves out: {names}"),
    "col_robust_interval": ("稳健区间", "Robust interval"),
    "rank_robust_title": ("名次稳健性", "How robust the rank is"),
    "rank_robust_joint": (
        "全部建模选择（赛道权重 ±20%、标准化方法、缺失值处理、去掉一项指标）同时随机变动 {draws} 次：{unit}的中位名次为第 "
        "{median} 名，居中 90% 的结果在第 {interval} 名。",
        "With every modelling choice drawn at once (track weights ±20%, normalization, missing values, leaving one "
        "indicator out), {draws} {draws:time|times}: {unit}'s median rank is {median}, and the middle 90% of the "
        "draws rank it {interval}.",
    ),
    "rank_robust_joint_fixed": (
        "全部建模选择（赛道权重 ±20%、标准化方法、缺失值处理、去掉一项指标）同时随机变动 {draws} 次：{unit}的中位名次为第 "
        "{median} 名，居中 90% 的结果都是第 {interval} 名。",
        "With every modelling choice drawn at once (track weights ±20%, normalization, missing values, leaving one "
        "indicator out), {draws} {draws:time|times}: {unit}'s median rank is {median}, and the middle 90% of the "
        "draws all rank it {interval}.",
    ),
    "rank_robust_none": (
        "单独改变其中任何一项选择，{unit}的名次都不变。",
        "Changing any one of these choices on its own leaves {unit}'s rank as it is.",
    ),
    "rank_robust_most": (
        "单独改变一项选择时，{unit}的名次（现为第 {rank} 名）最多变动 {n} 位，来自：{moves}。",
        "Changing one choice on its own moves {unit} (now rank {rank}) by at most {n} {n:place|places}: {moves}.",
    ),
    "robust_move_leave_out": ("去掉指标{names}（第 {rank} 名）", "leaving out {names} (rank {rank})"),
    "robust_move_leave_out_any": (
        "去掉指标{names}中的任一项（第 {rank} 名）",
        "leaving out any one of {names} (rank {rank})",
    ),
    "robust_move_leave_out_many": (
        "去掉指标{names}等 {n} 项中的任一项（第 {rank} 名）",
        "leaving out any one of {n} {n:indicator|indicators} such as {names} (rank {rank})",
    ),
    "robust_move_normalization": ("改用{method}（第 {rank} 名）", "{method} instead (rank {rank})"),
    "robust_move_imputation": (
        "缺失值不插补、只按已有指标计赛道得分（第 {rank} 名）",
        "missing values left out of the track scores instead of imputed (rank {rank})",
    ),
    "robust_move_weights": ("赛道权重 ±20% 扰动（第 {rank} 名）", "track weights ±20% (rank {rank})"),
    "col_rank_change": ("名次变化", "Change"),
    "col_unit_county": ("县区", "County"),
    "col_unit_township": ("乡镇", "Township"),
    "col_composite": ("综合得分", "Composite"),
    "col_tier": ("方阵", "Tier"),
    "col_flags": ("提示", "Notes"),
    "col_rank_by": ("{method}名次", "Rank by {method}"),
    "col_indicator": ("指标", "Indicator"),
    "col_track": ("赛道", "Track"),
    "col_direction": ("方向", "Direction"),
    "direction_higher": ("正向", "higher is better"),
    "direction_lower": ("逆向", "lower is better"),
    "col_indicator_value": ("数值", "Value"),
    "col_peer_median": ("参评中位数", "Peer median"),
    "col_target": ("目标值", "Target"),
    "col_score": ("标准化得分", "Score"),
    "col_weighted": ("计入综合", "In composite"),
    "col_note": ("说明", "Note"),
    "other_indicators": ("其他 {n} 项", "{n} {n:other|others}"),
    # --- 一县一档 county profile, the one-track view of the rankings, clicks that open a county (issue 24)
    "page_county": ("一县一档", "County profile"),
    "profile_own_county_only": (
        "县区账号只能查看本县区的档案，以下为{county}。",
        "A county account sees its own county's profile only; this is {county}.",
    ),
    "profile_pick": ("选择县区", "Choose a county"),
    "profile_pick_placeholder": ("请选择一个县区", "Choose one county"),
    "profile_pick_note": (
        "也可以在左侧栏选择县区，或在赛马排名、概览、关心关爱的图表上点击一个县区。",
        "You can also choose a county in the sidebar, or click a county on a chart of Rankings, Overview or Welfare.",
    ),
    "profile_pick_meeting": (
        "会议模式需要先选定一个县区：选定后按节放映，并可用 ‹ › 逐个切换县区。",
        "Meeting mode needs one county: once chosen, the profile shows section by section and ‹ › steps through"
        " the counties.",
    ),
    "profile_compare": ("名次变化原因对比", "Explain the rank change since"),
    "profile_compare_previous": ("上一期（环比）", "the previous period"),
    "profile_compare_year": ("上年同期（同比）", "the same period last year"),
    "profile_compare_no_year": (
        "上年同期（{period}）没有数据，不能同比。",
        "No data for the same period last year ({period}): no year-on-year comparison.",
    ),
    "profile_compare_none": (
        "此前没有同类期次的数据，名次变化无从对比。",
        "No earlier period of this kind: the rank change has nothing to be compared with.",
    ),
    "profile_section_headline": ("要点", "Headlines"),
    "profile_section_history": ("排名走势与原因", "Rank over time and why"),
    "profile_section_tracks": ("赛道与标杆", "Tracks and benchmarks"),
    "profile_section_training": ("培训覆盖", "Training"),
    "profile_section_care": ("关心关爱", "Welfare"),
    "profile_section_decisions": ("能上能下", "Personnel decisions"),
    "profile_vs": ("同比 {period}", "vs {period}"),
    "profile_rank_of": ("第 {rank} 名 / {n}", "{rank} of {n}"),
    "profile_was": ("{period}：{value}", "{period}: {value}"),
    "profile_rank_class": (
        "分类考核：名次为在{peer_class}类 {n} 个县区中、按本类权重的名次。",
        "Peer classes: the rank is among the {n} {n:county|counties} of the class {peer_class}, by the class's weights.",
    ),
    "profile_rank_note": (
        "排名区间：赛道权重各自在 ±20% 内随机变动 {draws} 次时名次的第5至第95百分位。",
        "Interval: the 5th to 95th percentile of the rank when each track weight varies within ±20% ({draws} "
        "{draws:draw|draws}).",
    ),
    "profile_history": ("排名走势", "Rank over time"),
    "profile_chart_path": ("{county}排名走势（竖线为排名区间）", "{county}: rank over time (bars: rank interval)"),
    "profile_no_compare": (
        "没有可对比的期次，无法分解名次变化。",
        "No period to compare with: the change cannot be explained.",
    ),
    "profile_tracks": ("赛道得分与标杆", "Track scores against the benchmarks"),
    "profile_col_benchmark": ("标杆（第90百分位）", "Benchmark (90th percentile)"),
    "profile_chart_tracks": ("{county}各赛道得分 · {period}", "{county}: track scores · {period}"),
    "profile_track_best": (
        "{track}：最优 {unit}；距标杆 {gap:+.2f}；同比 {change}",
        "{track}: best {unit}; {gap:+.2f} from the benchmark; year on year {change}",
    ),
    "profile_benchmark_note": (
        "标杆为各县区该项的第90百分位（越低越好的指标取第10百分位）；赛道得分已统一为越高越好。指标表中「距标杆」"
        "「距最优」按指标方向计，正数为好；「同比变化」是数值本身之差，好坏看「方向」列。",
        "Benchmark: the counties' 90th percentile (the 10th for lower-is-better indicators); track scores are "
        "higher-is-better. In the indicator table the gaps to the benchmark and to the best count with the "
        "indicator's direction, positive being better; the change year on year is the value's own difference, "
        "read with the Direction column.",
    ),
    "profile_col_period": ("期次", "Period"),
    "profile_col_units": ("参评县区数", "Counties ranked"),
    "profile_col_rank_year_before": ("上年同期名次", "Rank a year earlier"),
    "profile_col_change_year_before": ("同比变化", "Change year on year"),
    "profile_col_unit": ("单位", "Unit"),
    "profile_col_direction": ("方向", "Better"),
    "profile_direction_higher": ("越高越好", "higher"),
    "profile_direction_lower": ("越低越好", "lower"),
    "profile_col_best_unit": ("最优县区", "Best county"),
    "profile_col_best": ("最优值", "Best value"),
    "profile_col_from_best": ("距最优", "From the best"),
    "col_best_unit": ("最优单位", "Best unit"),
    "profile_col_value_year_before": ("上年同期值", "A year earlier"),
    "profile_col_status_year_before": ("上年同期状态", "Status a year earlier"),
    "profile_col_action": ("事项", "Decision"),
    "profile_col_count": ("本年", "This year"),
    "profile_col_count_year_before": ("上年", "Last year"),
    "profile_training": ("培训覆盖与短板", "Training coverage and gaps"),
    "profile_training_scope": ("{window}，同比对比 {before}。", "{window}, year on year against {before}."),
    "profile_training_scope_alone": (
        "{window}（{before}本县区没有培训记录，不列同比）。",
        "{window} (the county has no training records in {before}, so there is no year-on-year change).",
    ),
    "profile_training_no_cadres": (
        "{county}没有在册干部，无法计算培训覆盖。",
        "{county} has no cadres on the roster: no coverage.",
    ),
    "profile_training_hidden": (
        "本县区培训数据为小样本，不公开：{mark}。",
        "This county's training figures are a small group and not shown: {mark}.",
    ),
    "profile_training_before_hidden": (
        "{window}的数据不公开，不列同比。",
        "The figures of {window} are not shown, so there is no year-on-year change.",
    ),
    "profile_gap_category": (
        "最弱类别：{category}，覆盖率 {coverage:.1%}（全市 {prefecture:.1%}，差 {gap:+.1f} 个百分点），{n} 人未覆盖。",
        "Weakest category: {category}, {coverage:.1%} reached (all counties {prefecture:.1%}, {gap:+.1f} pp); "
        "{n} not reached.",
    ),
    "profile_gap_domain": (
        "最弱领域：{domain}，覆盖率 {reach:.1%}（全市 {prefecture:.1%}，差 {gap:+.1f} 个百分点）。",
        "Weakest domain: {domain}, {reach:.1%} reached (all counties {prefecture:.1%}, {gap:+.1f} pp).",
    ),
    "profile_care": ("关心关爱状态", "Welfare statuses"),
    "profile_care_met": ("{period} 达标指标", "Indicators met, {period}"),
    "profile_care_below": ("未达标指标", "Indicators below target"),
    "profile_year_on_year": ("同比为与{period}相比。", "Year on year: against {period}."),
    "profile_no_year_before": (
        "没有{period}的数据，不列同比。",
        "No data for {period}, so there is no year-on-year change.",
    ),
    "profile_chart_care_trend": ("{county}关爱指标状态走势", "{county}: welfare statuses over time"),
    "profile_decisions": ("{year}年干部选任与问责", "Personnel decisions, {year}"),
    "profile_change_partial": ("不可比", "not comparable"),
    "profile_decisions_partial": (
        "{year} 年的调整记录截至 {day}，是全年的一部分，不与 {before} 年全年比较。",
        "The {year} records run to {day}, part of the year: not compared with the whole of {before}.",
    ),
    "movements_partial": (
        "{year} 年的调整记录截至 {day}：本页是该年的一部分，不是全年；历年图中的 {year} 年同样只到 {day}。",
        "The {year} records run to {day}: this page shows part of the year, not all of it; so does {year} in the "
        "chart by year.",
    ),
    "profile_decisions_note": (
        "{year}年与{before}年的决定数，按能上能下页同样规则处理：1至{top}显示为<{threshold}，可据以推算的数不公开。",
        "Decisions in {year} and {before}, shown as on the Movements page: 1 to {top} show as <{threshold}, "
        "and figures that would give them away are withheld.",
    ),
    "rank_track": ("排序依据", "Rank by"),
    "rank_track_all": ("综合", "Composite"),
    "rank_track_banner": (
        "按单一赛道「{track}」排序，仅供分析，不是正式排名；正式排名以综合得分为准。",
        "Ranked by one track, {track}: an analysis, not the official ranking, which is by the composite.",
    ),
    "chart_rank_track": ("{track}赛道得分 · {period}", "{track} track score · {period}"),
    "col_track_rank": ("赛道名次", "Track rank"),
    "col_official_rank": ("正式名次", "Official rank"),
    "axis_track_score": ("赛道得分", "Track score"),
    "rank_click_township_note": (
        "点击乡镇的柱形，在「单位详情」中查看该乡镇。",
        "Click a township's bar to look closer at it under “One unit”.",
    ),
    "rank_click_note": (
        "点击县区的柱形或表格行，打开该县区的一县一档。",
        "Click a county's bar or table row to open its profile.",
    ),
    # --- training page
    "window_kind": ("统计区间", "Window"),
    "window_year": ("全年", "Year"),
    "window_quarter": ("季度", "Quarter"),
    "window_months": ("按月", "Months"),
    "training_county": ("范围", "Scope"),
    "all_counties": ("全市", "All counties"),
    "training_no_roster": (
        "该区间没有花名册，无法计算覆盖率；请先导入干部花名册。",
        "No roster for this window, so no coverage; import a cadre roster first.",
    ),
    "kpi_hours_median": ("学时中位数", "Median hours"),
    "kpi_untrained": ("未参训人数", "Not trained"),
    "training_pace": (
        "培训记录截至 {day}：按进度此时应达 {expected:.1f} 学时/人，实际 {actual:.1f}。",
        "Training recorded up to {day}: on pace a cadre should have {expected:.1f} {expected:hour|hours} by "
        "then; actual "
        "{actual:.1f}.",
    ),
    "chart_category_coverage": ("{window} 各县区分类培训覆盖率", "Coverage by county and category, {window}"),
    "target_line": ("目标 {target:.0%}", "target {target:.0%}"),
    "file_training_counties": ("培训覆盖_各县区_{window}", "training_by_county_{window}"),
    "training_domains": ("培训领域", "Training domains"),
    "domain_measure": ("显示", "Show"),
    "domain_reach": ("覆盖干部比例", "Share of cadres reached"),
    "domain_hours_per_cadre": ("人均学时", "Hours per cadre"),
    "chart_domain_reach": ("{window} 各县区各领域覆盖干部比例", "Share of cadres reached by domain, {window}"),
    "chart_domain_hours_per_cadre": ("{window} 各县区各领域人均学时", "Hours per cadre by domain, {window}"),
    "domain_table": ("领域明细表", "Domain table"),
    "file_training_domains": ("培训领域_{window}", "training_domains_{window}"),
    "training_trend": ("进度与趋势", "Pace and trend"),
    "chart_quarter_hours": ("{year} 年各季度人均学时（全市）", "Hours per cadre by quarter, {year} (all counties)"),
    "axis_hours": ("学时/人", "Hours per cadre"),
    "pace_line": ("目标进度", "Target pace"),
    "training_mix": ("培训方式", "How cadres are trained"),
    "mix_online": ("线上学时占比", "Online share of hours"),
    "mix_collective": ("集体培训学时占比", "Collective share of hours"),
    "chart_mix": ("{window} 各县区培训方式", "Training mix by county, {window}"),
    "training_gaps": ("缺什么补什么", "What is missing, and what to do"),
    "file_training_actions": ("缺什么补什么_{window}", "training_gaps_{window}"),
    "training_units_below_count": (
        "共 {n} 个单位未达目标；下载可得完整列表。",
        "{n} {n:unit|units} below target; the download has {n:it|all of them}.",
    ),
    "file_training_below": ("学时未达标单位_{window}", "units_below_target_{window}"),
    "chart_coverage_vs_race": (
        "培训覆盖率与赛马综合得分（{window} 培训，{period} 赛马）",
        "Training coverage and race composite ({window} training, {period} race)",
    ),
    "training_scatter_none": (
        "没有既在 {period} 赛马中排名、培训数字又可公开的县区，不画培训与赛马的对照图。",
        "No county is both ranked in the {period} race and shown in training figures: no scatter of the two.",
    ),
    "training_scatter_note": (
        "每个点为一个县区。两者相关不代表因果。",
        "One dot per county. Going together is not cause.",
    ),
    "training_drill": ("县区细分", "Inside one county"),
    "training_drill_county": ("选择县区", "County"),
    "training_slice": ("按", "By"),
    "slice_county": ("县区", "County"),
    "slice_unit": ("单位", "Unit"),
    "slice_rank": ("职级", "Rank level"),
    "slice_age": ("年龄段", "Age band"),
    "slice_gender": ("性别", "Gender"),
    "file_training_drill": ("培训覆盖_{county}_{window}", "training_{county}_{window}"),
    "training_privacy": (
        "人数少于 {threshold} 人的分组不显示具体数字（显示为 <{threshold}）；未参训人员名单只对本县账号和市级管理员显示。",
        "Groups of fewer than {threshold} {threshold:cadre|cadres} show <{threshold} instead of figures; the names of "
        "untrained cadres are for the county's own accounts and prefecture administrators only.",
    ),
    "training_untrained_names": (
        "{county} {window} 未参训人员名单（仅本县账号和市级管理员可见）",
        "Untrained cadres of {county}, {window} (the county's own accounts and prefecture administrators only)",
    ),
    "file_training_untrained": ("未参训人员_{county}_{window}", "untrained_{county}_{window}"),
    "col_cadre_id": ("干部编号", "Cadre ID"),
    "col_name": ("姓名", "Name"),
    "category_political": ("政治能力", "Political"),
    "category_professional": ("专业能力", "Professional"),
    "category_innovation": ("创新能力", "Innovation"),
    "category_practice": ("实践锻炼", "Practice"),
    "gender_M": ("男", "Male"),
    "gender_F": ("女", "Female"),
    "col_cadres": ("在册干部", "Cadres"),
    "col_trained": ("已参训", "Trained"),
    "col_coverage": ("覆盖率", "Coverage"),
    "col_hours_per_cadre": ("人均学时", "Hours per cadre"),
    "col_hours_median": ("学时中位数", "Median hours"),
    "col_share_target": ("达到本人学时目标", "Meeting own target"),
    "col_untrained": ("未参训", "Not trained"),
    "col_gap": ("短板", "Gap"),
    "col_gap_size": ("涉及人数", "Cadres"),
    "col_gap_pp": ("低于全市（百分点）", "Below prefecture (pp)"),
    "col_suggestion": ("建议", "Suggestion"),
    "col_shortfall": ("差距（学时/人）", "Shortfall (hours per cadre)"),
    "col_domain": ("培训领域", "Domain"),
    "col_reached": ("覆盖人数", "Cadres reached"),
    "col_reach": ("覆盖比例", "Share reached"),
    "gap_category": ("{category}培训", "{category} training"),
    "gap_domain": ("领域：{domain}", "Domain: {domain}"),
    "suggest_category": (
        "{category}覆盖率 {coverage:.0%}，全市 {prefecture:.0%}：组织未参加的 {n} 名干部参训",
        "{category} coverage {coverage:.0%} vs {prefecture:.0%} prefecture: bring the {n} {n:cadre|cadres} not "
        "reached into training",
    ),
    "suggest_domain": (
        "{domain}领域覆盖 {reach:.0%}，全市 {prefecture:.0%}：增设{domain}专题班次",
        "{domain} reaches {reach:.0%} of cadres vs {prefecture:.0%} prefecture: add {domain} courses",
    ),
    # --- meeting-ready views (issue 24): windows with data, honest coverage, one control that works
    "training_no_records_in_year": (
        "{year} 年尚无培训记录：没有可计算的区间（不是覆盖率为零）。请选择其他年度，或导入该年度的培训记录。",
        "No training records are dated in {year}: there is no window to measure (coverage is not zero). Choose "
        "another year or import that year's training records.",
    ),
    "scoring_points_need_one_scale": (
        "「原始分值」只能用于全部以“分”计的指标；本期指标的单位还有 {units}，直接相加没有意义。请选择 z 分数或功效系数。",
        "“Points as given” needs every indicator in points (分); this period's indicators are also in {units}, "
        "and adding them means nothing. Choose z-score or min-max.",
    ),
    "window_one_month": ("{month}（该年度仅此月有记录）", "{month} (the only month of the year with records)"),
    # --- honest views (issue 24): coverage changes, reporting counts, the sidebar county, short links
    "county_on_rankings": (
        "所选县区在本页用于详情和图中突出显示；排名、方阵和要点数字比较的是全部县区（分类考核时为该县区所在类别的县区）。",
        "The county chosen is the one detailed and highlighted here; the ranking, tiers and headline figures "
        "compare every county (with peer classes, the counties of its class).",
    ),
    "county_on_training": (
        "所选县区在本页用于要点数字、下钻和名单；各县区对比图、缺什么补什么和提任前培训仍列出全部县区。",
        "The county chosen sets the headline figures, the drill-down and the named list here; the charts "
        "comparing counties, the gaps and the pre-promotion training still list every county.",
    ),
    "county_on_welfare": (
        "所选县区在本页用于雷达图和趋势；红绿灯和汇总数字为全市。",
        "The county chosen is the one on the radar and in the trend here; the traffic lights and the summary "
        "are the prefecture's.",
    ),
    "county_not_on_cadre_page": (
        "本页显示一名干部，不按县区筛选；所选县区用于其他页面和简报。",
        "This page shows one cadre, not a county's figures; the county chosen applies to the other pages and the "
        "briefing.",
    ),
    "county_not_on_page": (
        "本页显示全市数字，不按县区筛选；所选县区用于其他页面和简报。",
        "This page shows the prefecture's figures, not one county's; the county chosen applies to the other pages "
        "and the briefing.",
    ),
    "reported_units": ("{label}（{n}/{m} 个县区已报）", "{label} ({n}/{m} counties reported)"),
    # --- welfare page
    "welfare_no_data": (
        "还没有关心关爱指标数据，请在「数据管理」导入。",
        "No welfare figures yet; import them on the Data page.",
    ),
    "welfare_period": ("考评期", "Period"),
    "welfare_compare_note": (
        "变化与上一期（{previous}）比较；状态按目标值判定：达到目标为达标，差距在 10% 以内为接近。",
        "Changes are against the previous period ({previous}); status against the target: met, "
        "near (within 10%), below.",
    ),
    "welfare_compare_note_first": (
        "{period} 之前没有关爱指标数据，不列变化；状态按目标值判定：达到目标为达标，差距在 10% 以内为接近。",
        "No care figures before {period}, so no changes are shown; status against the target: met, "
        "near (within 10%), below.",
    ),
    "status_no_target": ("无目标值", "No target"),
    "welfare_summary": ("{period} 要点", "Key points, {period}"),
    "welfare_summary_none": (
        "{period} 没有可判定达标情况的指标（缺少数值或目标值）。",
        "No indicator in {period} has both a value and a target to judge.",
    ),
    "welfare_summary_overall": (
        "{period} 共 {total} 项县区指标可判定，达标 {met} 项（{share:.0%}）。",
        "{period}: {met} of {total} county {total:indicator|indicators} with a target {met:is|are} met ({share:.0%}).",
    ),
    "welfare_summary_below": (
        "{n} 个县区{name}未达标，最低为{county} {value}（目标 {target}）。",
        "{name}: {n} {n:county|counties} below target; lowest {county} at {value} (target {target}).",
    ),
    "welfare_summary_all_met": ("各县区均达标的指标：{names}。", "Met in every county: {names}."),
    "welfare_summary_all_met_of": (
        "已报送的 {n} 个县区（共 {of} 个）均达标的指标：{names}。",
        "Met in every county that has reported ({n} of {of}): {names}.",
    ),
    "welfare_summary_missing": (
        "另有 {n} 个数值缺报，未计入达标判定。",
        "{n} {n:value was|values were} not reported and {n:is|are} not judged.",
    ),
    "kpi_missing_values": ("缺报数值", "Values missing"),
    "chart_status_grid": ("{period} 各县区关爱指标达标情况（红绿灯）", "Care indicators by county, {period}"),
    "status_rule": (
        "正向指标：数值 ≥ 目标为达标，≥ 目标的 90% 为接近；逆向指标：≤ 目标为达标，≤ 目标的 110% 为接近。灰色为无目标值，空白为缺报。",
        "Higher is better: met at or above target, near from 90% of it; lower is better: met at or "
        "below target, near up to 110% of it. Grey: no target; blank: not reported.",
    ),
    "welfare_furthest": ("距目标最远的县区（每项指标前 3 名）", "Furthest below target (three per indicator)"),
    "welfare_none_below": ("{period} 没有未达标的指标。", "Nothing below target in {period}."),
    "welfare_all_figures": ("全部数值", "All figures"),
    "file_welfare": ("关心关爱_{period}", "welfare_{period}"),
    "welfare_county_title": ("县区对比与趋势", "One county, and one indicator over time"),
    "chart_welfare_radar": (
        "{county} 与全市中位数（{period}，百分比指标）",
        "{county} against the median ({period}, % indicators)",
    ),
    "chart_welfare_trend": ("{name}历次考评", "{name} over the periods"),
    "welfare_distribution": (
        "{name}无目标值：本期最低 {low}，中位数 {median}，最高 {high}。",
        "{name} has no target: this period ranges from {low} (median {median}) to {high}.",
    ),
    "welfare_trend_partial": (
        "{periods}尚未全部县区报送，不画全市中位数（已报县区的中位数不代表全市）。",
        "Not every county has sent {periods}: no prefecture median is drawn for it (the median of the counties "
        "that sent it is not the prefecture's).",
    ),
    "welfare_trend_small_hidden": (
        "图中未画出 {n} 个少于 {threshold} 人的数值（人数过少，不公开）；中位数按全部县区计算。",
        "{n} {n:value|values} of fewer than {threshold} people {n:is|are} not drawn (too few to show); the median is "
        "of all counties.",
    ),
    "col_median": ("全市中位数", "Median"),
    "col_change": ("较上期", "Change"),
    # --- movements page
    "action_promotion": ("提拔", "Promotion"),
    # --- the cadre page (干部画像)
    "cadre_id_label": ("干部编号", "Cadre id"),
    "training_untrained_click": (
        "点选一行查看该干部的画像（培训、年度考核、干部调整）；查看会记入审计日志。",
        "Select a row to open that cadre's profile (training, appraisals, decisions); the opening is recorded in "
        "the audit log.",
    ),
    "cadre_prompt": (
        "输入干部编号，或在培训覆盖页的未参训人员名单中点选一人。每次查看都会记入审计日志。",
        "Type a cadre id, or pick someone in the training page's list of untrained cadres. Every opening is "
        "recorded in the audit log.",
    ),
    "cadre_sign_in": ("查看干部画像需要先登录。", "Sign in to open a cadre's profile."),
    "cadre_id_invalid": (
        "干部编号应为 1 至 {limit} 个字符，不能含换行等控制字符。",
        "A cadre id has at most {limit} {limit:character|characters} and no line breaks or other control characters.",
    ),
    "cadre_not_found": (
        "没有干部编号为「{cadre}」的干部：任何花名册中都没有此编号。",
        "No roster lists cadre id “{cadre}”.",
    ),
    "cadre_not_found_in_scope": (
        "您的账号范围内没有干部编号为「{cadre}」的干部。",
        "No cadre with id “{cadre}” within your account's counties.",
    ),
    # a typed id read as the importer reads a file's (cadre_profile.roster_spelling;
    # docs/decisions.md#cadre-ids-in-another-letter-case)
    "cadre_id_ambiguous": (
        "干部编号「{cadre}」与名册上几个编号都只差字母大小写（{stored}），无法判断是哪一位：请按名册写法输入。",
        "Cadre id “{cadre}” differs only in letter case from several roster ids ({stored}), so which cadre is meant "
        "cannot be told: type it as the roster writes it.",
    ),
    "cadre_id_shown_as": (
        "显示的是名册上的干部编号 {cadre}（输入为「{typed}」，只差全角或字母大小写）。",
        "Shown: cadre id {cadre} as the roster writes it (typed “{typed}”, differing only in full-width forms or "
        "letter case).",
    ),
    "cadre_recorded": (
        "本次查看已记入审计日志（{who}，{cadre}）。",
        "This opening is recorded in the audit log ({who}, {cadre}).",
    ),
    "cadre_person": (
        "{name}，{county}{unit}，{rank}（花名册截至 {as_of}）",
        "{name}, {unit}, {county}, {rank} (roster as of {as_of})",
    ),
    "cadre_section_training": ("{year} 年培训", "Training in {year}"),
    "cadre_section_grades": ("历年年度考核等次", "Annual appraisal grades"),
    "cadre_section_decisions": ("干部调整", "Personnel decisions"),
    "cadre_section_roster": ("花名册记录", "Roster snapshots"),
    "kpi_cadre_hours": ("计入目标的学时", "Hours counted toward the target"),
    "kpi_cadre_target": ("应达学时", "Hours owed"),
    "kpi_cadre_online": ("网络自学学时", "Online self-study hours"),
    "cadre_target_note": (
        "目标按本人职级所在的职级组计（{group}：{window}内应达 {target:.1f} 学时，线上自学另计，每年至少 {online:.0f} 学时）。"
        "计入目标的学时不含线上自学。",
        "The target follows his rank group ({group}: {target:.1f} hours owed over {window}; online self-study on top, "
        "at least {online:.0f} hours a year). Hours counted toward the target leave online self-study out.",
    ),
    "cadre_not_on_roster_then": (
        "{year} 年末的花名册中没有此人：当年不计算学时目标。",
        "Not on the roster at the end of {year}: no training target that year.",
    ),
    "cadre_no_rank_group": (
        "职级「{rank}」不属于任何职级组：不计算学时目标。",
        "The rank “{rank}” belongs to no rank group: no training target.",
    ),
    "cadre_window_months": ("{start} 起 {months} 个月", "{months} months from {start}"),
    "cadre_met": ("已达标", "met"),
    "cadre_not_met": ("未达标", "not met"),
    "cadre_none": ("无记录。", "None recorded."),
    "col_records": ("次数", "Records"),
    "col_online_hours": ("其中线上学时", "Of which online"),
    # --- appraisals page
    "appraisals_none": (
        "还没有年度考核等次。请在数据管理页导入年度考核文件（干部编号、年度、考核等次）。",
        "No annual appraisal grades yet. Import an appraisals file on the Data page (cadre id, year, grade).",
    ),
    "appraisals_before": (
        "{year} 年及以前还没有年度考核等次；最早的是 {first} 年度。",
        "No appraisal grades for {year} or earlier; the earliest are for {first}.",
    ),
    "appraisals_shown_year": (
        "{year} 年度的考核等次尚未录入（年度考核在次年初完成），显示 {shown} 年度。",
        "The {year} appraisal is not in yet (it is done early the next year): showing {shown}.",
    ),
    "appraisals_note": (
        "{year} 年度考核；按 {year} 年 12 月 31 日所在花名册计入县区。只统计人数，不列个人；不足 {threshold} 的"
        "非零人数显示为 <{threshold}。优秀比例按参加考核人数（含不定等次）计，上限 {quota}（数据管理页的设置中可改）。",
        "The {year} appraisal; each cadre counts for the county of the roster in force on 31 December {year}. "
        "Counts only, never individuals; a count under {threshold} other than 0 shows <{threshold}. The share of "
        "Excellent is of everyone appraised (Not graded included); the ceiling is {quota} (a setting on the Data page).",
    ),
    "section_grades": ("等次分布", "Grades"),
    "section_promotions": ("等次与提拔", "Grades and promotion"),
    "section_adjustment": ("低等次与调整", "Low grades and adjustment"),
    "section_grade_tiers": ("与赛马方阵对照", "Against the race tiers"),
    "kpi_appraised": ("参加考核人数", "Cadres appraised"),
    "kpi_excellent_share": ("优秀比例", "Share of Excellent"),
    "kpi_counties_above_quota": ("优秀比例超出上限的县区", "Counties above the ceiling"),
    "kpi_counties_unseen": ("另有 {n} 个县区不公开", "{n} more not shown"),
    "kpi_promotion_excellent": ("优秀者次年每百人提拔", "Promotions per 100 Excellent, next year"),
    "col_appraised": ("考核人数", "Appraised"),
    "col_excellent_share": ("优秀比例", "Excellent (%)"),
    "col_above_quota": ("超出上限", "Above ceiling"),
    "col_low_share": ("基本称职及不称职比例", "Basically competent or incompetent (%)"),
    "col_grade": ("考核等次", "Grade"),
    "col_promoted_next": ("次年提拔", "Promoted next year"),
    "col_adjusted_next": ("次年降职或免职", "Demoted or dismissed next year"),
    "col_per_100_grade": ("每百人", "Per 100"),
    "col_unit_name": ("单位", "Unit"),
    "above_quota_yes": ("是", "yes"),
    "above_quota_no": ("否", "no"),
    "prefecture_row": ("全市", "All counties"),
    "chart_excellent_share": ("{year} 年度各县区优秀等次比例", "Share of Excellent by county, {year}"),
    "quota_line": ("上限 {quota}", "ceiling {quota}"),
    "axis_share_appraised": ("占参加考核人数", "Of those appraised"),
    "units_above_title": ("优秀比例超出上限的单位", "Units above the ceiling"),
    "units_above_none": ("没有单位的优秀比例超出上限。", "No unit is above the ceiling."),
    "units_above_note": (
        "单位按考核文件所写；只列参加考核不少于 {threshold} 人的单位，只显示比例。优秀或其他等次不足 {threshold} 人"
        "（或全部为优秀）的单位，比例乘以单位人数即得人数，故不显示比例；比例与县区表合看会得出不公开人数的，"
        "也不显示。不显示比例的单位列在最后。",
        "Units as the appraisal file names them; only units with at least {threshold} appraised, shares only. A "
        "unit whose Excellent or whose other grades number under {threshold} (or that is all Excellent) has its "
        "share withheld: its share times its size would give the count; so does one whose share with the county "
        "table would give a hidden count. Those are listed last.",
    ),
    "units_above_unlisted": (
        "另有 {n} 个单位超出上限，不单独列出：参加考核少于 {threshold} 人，或与县区表合看会得出不公开的人数。",
        "{n} more {n:unit|units} above the ceiling, not listed: fewer than {threshold} appraised, or with the "
        "county table {n:it|they} would give a hidden count back.",
    ),
    "follow_window": ("{start} 至 {end}", "{start} to {end}"),
    "follow_none": (
        "{next} 年还没有干部调整记录：看不出 {year} 年度等次之后的提拔与调整。",
        "No personnel decisions recorded in {next} yet: what followed the {year} grades cannot be seen.",
    ),
    "promotions_note": (
        "{year} 年度各等次干部在次年（{window}）被提拔的人数（调整类型为提拔）；每百人 = 提拔人数 ÷ 该等次人数 × 100。",
        "Cadres of each {year} grade promoted (decision Promotion) in the year after ({window}); per 100 = promoted ÷ "
        "cadres of the grade × 100.",
    ),
    "chart_promotion_by_grade": (
        "{year} 年度优秀与称职干部次年每百人提拔（各县区）",
        "Promotions per 100 the next year, Excellent and Competent of {year}, by county",
    ),
    "adjustment_note": (
        "《推进领导干部能上能下规定》把年度考核不称职等列为调整情形。这里统计 {year} 年度各等次干部在次年"
        "（{window}）被降职或免职的人数。",
        "The provisions on leading cadres moving up and down (2022) list an Incompetent grade among the grounds for "
        "adjustment. Counted here: "
        "cadres of each {year} grade demoted or dismissed in the year after ({window}).",
    ),
    "grade_tiers_note": (
        "县区的方阵为 {period}（{year} 年最后一个赛马考核期）的方阵。",
        "A county's tier is its tier in {period}, the last race period of {year}.",
    ),
    "grade_no_tiers": ("{year} 年没有赛马排名，无法对照方阵。", "No race ranking for {year}: no tiers to compare."),
    "file_appraisals": ("年度考核_{year}", "appraisals_{year}"),
    "appraisals_no_county_chart": (
        "{year} 年度的等次都属于花名册中无此人的干部，无法按县区作图；人数见下表。",
        "Every grade of {year} is of a cadre on no roster: there is no county to chart; the counts are in the table.",
    ),
    "cli_no_movements": (
        "{year} 年没有干部调整记录（未导入该年的干部调整文件）；有记录的年度：{years}。",
        "No personnel decisions recorded in {year} (no file of that year's decisions imported); years with decisions: "
        "{years}.",
    ),
    "cli_no_appraisals": (
        "{year} 年度没有考核等次；有等次的年度：{years}。",
        "No appraisal grades for {year}; years with grades: {years}.",
    ),
    "grade_excellent": ("优秀", "Excellent"),
    "grade_competent": ("称职", "Competent"),
    "grade_basic": ("基本称职", "Basically competent"),
    "grade_incompetent": ("不称职", "Incompetent"),
    "grade_ungraded": ("不定等次", "Not graded"),
    "action_rank_promotion": ("晋升职级", "Rank promotion"),
    "action_lateral": ("平职调整", "Lateral move"),
    "action_transfer": ("转任", "Transfer"),
    "action_demotion": ("降职", "Demotion"),
    "action_dismissal": ("免职", "Dismissal"),
    "action_accountability": ("问责", "Accountability"),
    "action_fault_tolerance": ("容错免责", "Fault tolerance"),
    "movements_none": ("{year} 年没有干部调整记录。", "No personnel decisions recorded in {year}."),
    "kpi_promotion_rate": ("每百名干部提拔", "Promotions per 100 cadres"),
    "movements_note": (
        "{year} 年全年；按调整日期所在花名册计入县区。只统计人数，不列个人；不足 {threshold} 的非零人数显示为 <{threshold}。",
        "All of {year}; each decision counts for the county on the roster in force on its date. "
        "Counts only, never individuals; a count under {threshold} other than 0 shows <{threshold}.",
    ),
    "movements_note_partial": (
        "{year} 年截至 {day}；按调整日期所在花名册计入县区。只统计人数，不列个人；不足 {threshold} 的非零人数显示为 <{threshold}。",
        "{year} up to {day}; each decision counts for the county on the roster in force on its date. "
        "Counts only, never individuals; a count under {threshold} other than 0 shows <{threshold}.",
    ),
    "county_unknown": ("（花名册中无此人）", "(not on any roster)"),
    "col_promotion_per_100": ("每百人提拔", "Promotions per 100"),
    "col_accountability_per_100": ("每百人问责", "Accountability per 100"),
    "col_counties": ("县区数", "Counties"),
    "file_movements": ("能上能下_{year}", "movements_{year}"),
    "file_training_promotions": ("提任前培训_{year}", "pre_promotion_training_{year}"),
    "file_profile_history": ("{county}_历次排名", "{county}_ranks"),
    "file_profile_tracks": ("{county}_{period}_各项指标与标杆", "{county}_{period}_indicators_and_benchmarks"),
    "file_profile_care": ("{county}_{period}_关心关爱", "{county}_{period}_care"),
    "file_profile_decisions": ("{county}_{year}_干部调整", "{county}_{year}_personnel_decisions"),
    "chart_tolerance": ("{year} 年各县区问责与容错免责", "Accountability and fault tolerance by county, {year}"),
    "chart_tolerance_years": ("全市历年问责与容错免责", "All counties, by year"),
    "movements_by_tier": ("与赛马方阵对照", "Against the race tiers"),
    "movements_no_tiers": (
        "{year} 年之前没有赛马排名，无法对照方阵。",
        "No race ranking before {year} to compare with.",
    ),
    "chart_tier_rates": ("{year} 年调整情况（按 {period} 方阵）", "Decisions in {year} by tier in {period}"),
    "axis_per_100": ("每百名干部", "Per 100 cadres"),
    "movements_tier_note": (
        "方阵取 {year} 年前一年最后一个考评期（{period}）的赛马排名。",
        "Tiers are from the last race period before {year} ({period}).",
    ),
    # --- the briefing's first page (incentive/sharing/briefing.py): headline figures
    "brief_kpi_rank": ("综合排名", "Rank"),
    "brief_kpi_rank_value": ("第 {rank} 名 / {n}", "{rank} of {n}"),
    "brief_kpi_race_note": ("{period} · {tier} · 区间 {interval}", "{period} · {tier} · interval {interval}"),
    "brief_kpi_race_note_class": (
        "{period} · {peer_class}类 · {tier} · 区间 {interval}",
        "{period} · class {peer_class} · {tier} · interval {interval}",
    ),
    "brief_kpi_class_leaders": ("各类第一", "Class leaders"),
    "brief_kpi_classes": ("{n} 类", "{n} {n:class|classes}"),
    "brief_race_class_leaders": (
        "{period} 赛马分类考核，各考核类别第一：{leaders}。",
        "Race {period}, by peer class: the leaders are {leaders}.",
    ),
    "brief_kpi_leader_note": ("{period} · 共 {n} 个县区", "{period} · {n} {n:county|counties}"),
    "brief_kpi_coverage_note": (
        "{window} · 人均 {hours:.1f} 学时 · 目标覆盖率 {target:.0%}",
        "{window} · {hours:.1f} {hours:hour|hours} per cadre · target {target:.0%}",
    ),
    "brief_kpi_met_note": ("{period} · {met}/{total} 项达标", "{period} · {met} of {total} met"),
    "brief_kpi_none": ("暂无", "none"),
    "brief_actions_cut": (
        "下表列出差距最大的 {shown} 项短板（共 {n} 项），全部见「培训覆盖」页。",
        "The table lists the {shown} widest gaps of {n}; the training page lists them all.",
    ),
    "brief_county_page": ("赛道对标与干部选任", "Tracks against the benchmark, and personnel decisions"),
    "brief_tracks_note": (
        "{period}各赛道得分与参评县区中位数、标杆（第90百分位）对照。",
        "{period}: each track's score against the ranked counties' median and the benchmark (90th percentile).",
    ),
    "brief_col_gap": ("距标杆", "From the benchmark"),
    "brief_col_best": ("最优县区", "Best county"),
    # --- warnings (预警, incentive/alerts)
    "page_alerts": ("预警清单", "Warnings"),
    "alerts_refused": (
        "预警清单仅对已登录的账号开放（市级管理员看全市，县区账号看本县区）。",
        "The warning list is for signed-in accounts (the prefecture sees every county, a county account its own).",
    ),
    "alert_level_red": ("红色", "Red"),
    "alert_level_yellow": ("黄色", "Yellow"),
    "alert_rule_third_tier": ("连续处于第三方阵", "third tier running"),
    "alert_rule_care_below": ("关爱指标连续未达标", "care indicator below target running"),
    "alert_rule_training_pace": ("培训进度落后", "training behind pace"),
    "alert_rule_data": ("数据未报、迟报或不全", "data missing, late or incomplete"),
    "alert_rule_value_drop": ("指标值明显下滑", "sharp fall against the peers"),
    "alert_third_tier": (
        "{county}连续 {n} 个考评期（{first} 至 {last}）处于第三方阵，{last} 排名第 {rank} 名（共 {ranked} 个）；"
        "{basis}。列为约谈候选。",
        "{county} has been in the third tier for {n} race {n:period|periods} running ({first} to {last}), ranking "
        "{rank} of {ranked} in {last}; {basis}. A candidate for a formal talk with its leaders.",
    ),
    "alert_basis_live": ("均为实时数据（试算）", "all live data (trial)"),
    "alert_basis_published": ("均为正式发布结果", "all as published"),
    "alert_basis_mixed": (
        "其中 {published} 为正式发布结果，其余为实时数据（试算）",
        "{published} as published, the rest live data (trial)",
    ),
    "alert_care_below": (
        "{county}「{name}」连续 {n} 期未达标（{first} 至 {last}），{last} 为 {value}，目标 {target}；{basis}。",
        "{county}: “{name}” below target for {n} {n:period|periods} running ({first} to {last}), {value} in "
        "{last} against a target of {target}; {basis}.",
    ),
    "alert_training_pace": (
        "{county}截至 {quarter} 末培训进度落后（{window}）：{shortfalls}。",
        "{county} is behind the training pace at the end of {quarter} ({window}): {shortfalls}.",
    ),
    "alert_training_coverage": (
        "覆盖率 {actual:.1%}，进度要求 {pace:.1%}",
        "coverage {actual:.1%} against a pace of {pace:.1%}",
    ),
    "alert_training_hours": (
        "人均 {actual:.1f} 学时，进度要求 {pace:.1f} 学时",
        "{actual:.1f} hours per cadre against a pace of {pace:.1f}",
    ),
    "alert_separator": ("；", "; "),
    "alert_data_missing": (
        "{county}有 {n} 项数据逾期未报送：{items}。",
        "{county} has {n} {n:file|files} past the deadline and not sent: {items}.",
    ),
    "alert_data_late": (
        "{county}有 {n} 项数据逾期报送或数值不全：{items}。",
        "{county} sent {n} {n:file|files} late or incomplete: {items}.",
    ),
    "alert_item": ("{period} {kind}（{reasons}）", "{kind} {period} ({reasons})"),
    "alert_reason_overdue": ("逾期 {days} 天", "{days} {days:day|days} overdue"),
    "alert_reason_late": ("晚 {days} 天报送", "sent {days} {days:day|days} late"),
    "alert_reason_values": ("缺 {n} 项", "{n} {n:value|values} missing"),
    "alert_items_more": ("，另有 {n} 项", ", and {n} more"),
    "alert_value_drop": (
        "{county}「{name}」{period} 为 {new}，较 {previous} 的 {old} 变化 {change}，明显差于其他县区的变化"
        "（通常在 {low} 至 {high} 之间）。",
        "{county}: “{name}” was {new} in {period}, a change of {change} on {old} in {previous}, far worse than "
        "the other counties' changes (usually {low} to {high}).",
    ),
    "alerts_intro": (
        "红色：连续 {tier} 个考评期处于第三方阵（约谈候选）、数据逾期未报送、关爱指标连续 {care_red} 期未达标；"
        "黄色：关爱指标连续 {care} 期未达标、季末培训进度落后、指标值较上期明显差于其他县区、数据逾期报送或不全。"
        "{periods_set}",
        "Red: in the third tier {tier} race periods running (a candidate for a formal talk), data past the "
        "deadline and not sent, a care indicator below target {care_red} periods running. Yellow: a care "
        "indicator below target {care} periods running, training behind pace at a quarter's end, a value that "
        "changed far worse than the other counties', data sent late or incomplete. {periods_set}",
    ),
    "alerts_judged": (
        "判定依据：赛马 {race}，关爱 {welfare}，培训截至 {training} 末，报送情况按 {today} 判定",
        "Judged on: race {race}, care {welfare}, training to the end of {training}, submissions as of {today}",
    ),
    "alerts_scope_county": ("仅含 {county} 的预警事项。", "Only {county}'s items are listed."),
    "alerts_withheld": (
        "另有 {n} 条培训进度预警涉及按小数保护规则隐藏的数字（人数少于 {threshold} 的群体），不予显示。",
        "{n} more training {n:warning|warnings} would tell figures hidden by the small-numbers rule (groups of "
        "fewer than {threshold}) and {n:is|are} not shown.",
    ),
    "alerts_none": ("{year} 年没有预警事项。", "No warnings for {year}."),
    "alerts_none_filtered": ("所选县区和规则下没有预警事项。", "No warnings for the county and rule chosen."),
    "alerts_filter_county": ("县区", "County"),
    "alerts_filter_rule": ("预警规则", "Rule"),
    "alerts_all_rules": ("全部规则", "All rules"),
    "alerts_col_number": ("序号", "No."),
    "alerts_col_level": ("级别", "Level"),
    "alerts_col_rule": ("预警规则", "Rule"),
    "alerts_col_period": ("期别", "Period"),
    "alerts_col_text": ("预警内容", "Warning"),
    "alerts_file": ("预警清单_{year}", "warnings_{year}"),
    "alerts_count_red": ("红色预警", "Red warnings"),
    "alerts_count_yellow": ("黄色预警", "Yellow warnings"),
    "pillar_alerts": ("预警", "Warnings"),
    "alerts_overview_top": ("最需关注的 {n} 条：", "The {n} most severe:"),
    "alerts_overview_link": ("查看完整预警清单（共 {n} 条）", "The full warning list ({n})"),
    "alerts_overview_none": ("{year} 年没有预警事项。", "No warnings for {year}."),
    "data_settings_alerts": ("预警规则", "Warning rules"),
    "setting_alert_third_tier_periods": (
        "第三方阵连续期数（红色，约谈候选）",
        "Third tier: periods running (red, talk candidate)",
    ),
    "setting_alert_care_periods": (
        "关爱指标连续未达标期数（黄色；多一期为红色）",
        "Care below target: periods running (yellow; one more is red)",
    ),
    "cli_alerts_summary": (
        "预警 {n} 条：红色 {red} 条，黄色 {yellow} 条（{judged}）。",
        "{n} {n:warning|warnings}: {red} red, {yellow} yellow ({judged}).",
    ),
    # --- warnings and delivery: fixes after review (issue 19; docs/decisions.md#alerts, #delivery)
    # who sets the numbers of periods: only the prefecture administrator can open the Data page
    "alerts_periods_set_here": (
        "期数可在「数据管理」页的设置中调整。",
        "The numbers of periods are settings on the Data page.",
    ),
    "alerts_periods_set_by_prefecture": ("期数由市委组织部设定。", "The numbers of periods are set by the prefecture."),
    "alerts_other_county": (
        "链接所指的县区「{county}」不在您的账号范围内（仅限 {own}），无法查看其预警事项；以下为 {own} 的预警事项。",
        "The address asks for {county}, which your account cannot see (it is limited to {own}); {own}'s warnings "
        "are listed below.",
    ),
    "alerts_nothing_to_judge": (
        "{when} 没有任何数据（无赛马得分、关爱数据和培训记录，也无应报送的材料），无法判定预警。"
        "已有数据：赛马 {race}；关爱 {care}；培训记录截至 {training}。",
        "{when} has no data of any kind (no race scores, care figures or training records, and no file owed), so "
        "no warning can be judged. Data held: race {race}; care {care}; training records up to {training}.",
    ),
    "cli_deliver_created": (
        "交付目录 {path} 原不存在，已新建。",
        "The delivery folder {path} did not exist and was created.",
    ),
    # --- training targets by rank (docs/training-targets.md)
    "rank_group_section": ("乡科级及以下", "Section level and below"),
    "rank_group_division": ("县处级及以上", "Division level and above"),
    "rank_group_": ("职级未识别", "Rank not recognised"),
    "target_field_hours": ("学时", "Hours"),
    "target_field_years": ("周期（年）", "Years"),
    "target_field_online_hours": ("网络自学（学时/年）", "Online self-study (hours a year)"),
    "target_unknown_group": (
        "没有名为「{group}」的职级组；可用：{groups}。",
        "No rank group named “{group}”; rank groups are: {groups}.",
    ),
    "target_bad_value": (
        "{group}的{field}「{value}」不可用，应在 {low} 至 {high} 之间。未保存。",
        "{field} for {group}: “{value}” is not allowed; a number from {low} to {high}. Nothing was saved.",
    ),
    "target_bad_whole": (
        "{group}的{field}「{value}」不可用，应为 {low} 至 {high} 的整数。未保存。",
        "{field} for {group}: “{value}” is not allowed; a whole number from {low} to {high}. Nothing was saved.",
    ),
    "audit_action_training_target": ("修改培训学时目标", "Training target changed"),
    "data_targets": (
        "培训学时目标（按职级组；修改均留痕，见下方历史）",
        "Training targets by rank group (every change is kept: see the history below)",
    ),
    "data_targets_save": ("保存学时目标", "Save training targets"),
    "data_targets_saved": (
        "已保存 {n} 个职级组的学时目标。",
        "Training targets of {n} {n:rank group|rank groups} saved.",
    ),
    "data_targets_history": ("学时目标修改历史", "History of the training targets"),
    "target_changed_at": ("修改时间", "Changed at"),
    "target_changed_by": ("修改人", "Changed by"),
    "target_by_regulations-2023": (
        "默认值（2023 年干部教育培训工作条例）",
        "Default (the 2023 cadre education and training regulations)",
    ),
    "target_by_migration-014": ("由原年度学时目标设置转入", "Carried over from the old annual hours target setting"),
    "section_targets": ("学时目标", "Training targets"),
    "slice_rank_group": ("职级组", "Rank group"),
    "training_scope_targets": (
        "{scope} · {window}（对比 {before}）· 花名册截至 {as_of} · 按本人职级的学时目标衡量",
        "{scope} · {window} (vs {before}) · roster as of {as_of} · measured against each cadre's target by rank",
    ),
    "training_scope_targets_alone": (
        "{scope} · {window}（{before}没有培训记录，不列同比）· 花名册截至 {as_of} · 按本人职级的学时目标衡量",
        "{scope} · {window} (no training records in {before}, so no change) · roster as of {as_of} · measured "
        "against each cadre's target by rank",
    ),
    "kpi_share_own_target": ("达到本人学时目标", "Meeting own target"),
    "kpi_share_on_pace": ("达到应有进度", "On pace"),
    "kpi_hours_short": ("距目标尚差（学时）", "Hours short in all"),
    "kpi_share_online": ("网络自学达标", "Meeting the online minimum"),
    "training_targets_pace": (
        "培训记录截至 {day}：按本人学时目标的进度，{on_pace:.1%} 的干部达到此时应有学时，合计尚差 {short:,.0f} 学时。",
        "Training recorded up to {day}: {on_pace:.1%} of cadres have the hours their own target asks by then; "
        "{short:,.0f} {short:hour|hours} short in all.",
    ),
    "training_targets": ("按职级的学时目标", "Training targets by rank"),
    "training_targets_rule_local": (
        "本市设定的学时目标：乡科级及以下每年 {section} 学时，县处级及以上每 {years} 年 {division} 学时（按截至期末的滚动 "
        "{years} 年计），网络自学每年不少于 {online} 学时、另行计算。由管理员在「数据管理」页设定，不同于"
        "《干部教育培训工作条例》（2023）的规定（乡科级及以下每年 90 学时，县处级及以上每 5 年 550 学时，网络自学每年 50 学时）。",
        "Targets set here: section level and below {section} hours a year, division level and above {division} "
        "hours every {years} years (over the rolling {years} years up to the period's end), and online self-study "
        "of at least {online} hours a year on top. Set by an administrator on the Data page; the 2023 regulations "
        "ask 90 hours a year, 550 hours every 5 years and 50 online hours a year.",
    ),
    "training_targets_rule": (
        "依据《干部教育培训工作条例》（2023）及全国干部教育培训规划（2023－2027年）：乡科级及以下每年 {section} 学时，"
        "县处级及以上每 {years} 年 {division} 学时（按截至期末的滚动 {years} 年计），网络自学每年不少于 {online} 学时、"
        "另行计算（线上学时不计入前两项）。",
        "After the 2023 cadre education and training regulations and the 2023-2027 plan: section level and below "
        "{section} hours a year, division level and above {division} hours every {years} years (over the rolling "
        "{years} years up to the period's end), and online self-study of at least {online} hours a year on top "
        "(online hours do not count towards the first two).",
    ),
    "training_targets_unmapped": (
        "{n} 名干部的职级无法归入职级组，未计入学时目标的统计；请核对花名册的职级列。",
        "{n} {n:cadre's|cadres'} rank matches no rank group, so they are left out of the target figures; check the "
        "roster's rank column.",
    ),
    "file_training_rank_groups": ("学时目标_职级组_{window}", "training_targets_by_rank_group_{window}"),
    "training_promotions": ("{year} 年提拔干部的提任前培训", "Training before promotion, promotions in {year}"),
    "training_promotions_none": ("{year} 年没有提拔记录。", "No promotions are recorded for {year}."),
    "training_before_records_division": (
        "培训记录自 {first} 起：县处级及以上的滚动学时窗口有一部分早于此，其间的学时无从计入，达标比例和尚差学时因而偏不利。",
        "Training records start in {first}: part of the division level's rolling window lies before, where no hours "
        "can be counted, so its shares read low and its shortfall high.",
    ),
    "training_before_records_promotions": (
        "培训记录自 {first} 起：部分提拔的前一年早于此，其间的学时无从计入，提任前达标数因而偏低。",
        "Training records start in {first}: for some promotions the year before lies partly before, where no hours "
        "can be counted, so fewer read as trained before.",
    ),
    "training_promotions_absent": (
        "提任前培训按已报送的记录计算。{n} 个县区培训数据未报齐：{counties}，上述县区提拔干部的学时可能偏低，提任前达标可能少计。",
        "Pre-promotion training is judged on the records sent: {counties} {n:has|have} not sent all {n:its|their} "
        "training data, so {n:its|their} promoted cadres' hours may read low and fewer count as met.",
    ),
    "cadre_training_absent": (
        "本县区培训数据未报齐：{counties}。以下学时只计已报送的记录，可能偏低。",
        "This county's training data are incomplete: {counties}. The hours below count the records sent and may "
        "read low.",
    ),
    "profile_training_sent": (
        "其已报齐的 {window} 可在「培训覆盖」页查看（按月）。",
        "The months it has sent in full, {window}, can be seen on the Training page (by month).",
    ),
    "brief_training_without": (
        "全市不含培训数据未报齐的{counties}。",
        " Without {counties} (data not all in).",
    ),
    "cli_no_training_records": (
        "{period} 没有培训记录：没有可计算的覆盖率（不是覆盖率为零），未导出。",
        "No training records are dated in {period}: there is no coverage to measure (it is not zero); nothing was "
        "exported.",
    ),
    "training_not_in_short": ("未报齐", "not all sent"),
    "brief_training_county_not_in": (
        "{county}{window}培训数据未报齐，未计算其覆盖率和学时。",
        "{county} has not sent all its training data for {window}: no coverage computed.",
    ),
    "training_open_sent": (
        "查看{county}已报齐的 {window}",
        "Open {window}, which {county} has sent in full",
    ),
    "training_promotions_rule": (
        "提拔（调整类型为提拔）前一年内（不含线上学时）达到本人所在职级组的年度学时目标即为提任前达标；未达标、但提任后一年内"
        "达到的，计为提任后一年内补训达标（《干部教育培训工作条例》允许确因特殊情况提任后一年内完成；提任未满一年的，计至现有"
        "培训记录）。1 至 4 人的数字显示为 <5，另有数字随之不公开。",
        "Trained to target: in the year up to the promotion (action: promotion), hours not online at least the yearly "
        "target of his rank group; those who reached it only in the year after are counted apart (the regulations "
        "allow that where training could not come first; for a promotion less than a year ago, as far as recorded). "
        "Counts of 1 to 4 show as <5, and some others are withheld with them.",
    ),
    "promotion_no_roster": ("未在花名册", "On no roster"),
    "col_promoted": ("提拔人数", "Promoted"),
    "col_promoted_met": ("提任前达标", "Trained to target"),
    "col_promoted_share": ("达标比例", "Share"),
    "col_promoted_met_after": ("提任后一年内补训达标", "Trained in the year after"),
    "col_promoted_share_after": ("含补训达标比例", "Share with the year after"),
    "col_share_on_pace": ("达到应有进度", "On pace"),
    "col_hours_short": ("距目标尚差（学时）", "Hours short"),
    "col_share_online_met": ("网络自学达标", "Online minimum met"),
    "chart_pace_targets": (
        "{year} 年累计人均学时与目标进度（人均年度目标 {target:.1f} 学时）",
        "Cumulative hours vs target pace, {year} ({target:.1f} a year per cadre on average)",
    ),
    "training_units_short": (
        "{scope} 干部距本人学时目标（按进度）尚有差距的单位（人均差距大者在前）",
        "Units in {scope} whose cadres are short of their own targets so far (largest shortfall per cadre first)",
    ),
    "bulletin_targets_overall": (
        "{window}，全市干部培训覆盖率{coverage:.1%}（全年目标{target:.0%}），人均{hours:.1f}学时；按职级学时目标，"
        "{on_pace:.1%}的干部达到截至期末应有的学时，合计尚差{short:,.0f}学时。",
        "{window}: {coverage:.1%} of cadres trained (target for the year {target:.0%}), {hours:.1f} hours per cadre; "
        "against their training targets by rank, {on_pace:.1%} of cadres have the hours due by the period's end, "
        "{short:,.0f} {short:hour|hours} short in all.",
    ),
    "bulletin_targets_behind": (
        "达到进度的干部比例低于全市的县区{n}个：{items}。",
        "{n} {n:county|counties} below the prefecture's share of cadres with the hours due: {items}.",
    ),
    "bulletin_targets_item": ("{county}{share:.1%}", "{county} {share:.1%}"),
    "bulletin_targets_county": (
        "{window}，{county}干部培训覆盖率{coverage:.1%}，人均{hours:.1f}学时；按职级学时目标，{on_pace:.1%}的干部达到截至期末"
        "应有的学时（全市分别为{prefecture:.1%}、{prefecture_hours:.1f}学时、{prefecture_on_pace:.1%}）。",
        "{window}: {county} trained {coverage:.1%} of its cadres, {hours:.1f} hours per cadre, and {on_pace:.1%} have "
        "the hours due by the period's end against their training targets by rank (prefecture {prefecture:.1%}, "
        "{prefecture_hours:.1f} and {prefecture_on_pace:.1%}).",
    ),
    # --- settings
    "setting_unknown": (
        "没有名为「{name}」的设置；可用：{names}。",
        "No setting named “{name}”; settings are: {names}.",
    ),
    "data_settings": ("设置", "Settings"),
    "data_settings_save": ("保存设置", "Save settings"),
    "data_settings_saved": ("已保存 {n} 项设置。", "{n} {n:setting|settings} saved."),
    "setting_coverage_target": ("培训覆盖率目标（%）", "Training coverage target (%)"),
    "setting_excellent_quota": ("年度考核优秀比例上限（%）", "Most Excellent grades in an appraisal (%)"),
    "setting_suppression_threshold": (
        "小组隐藏阈值（人数少于此值显示 <N）",
        "Suppression threshold (smaller groups show <N)",
    ),
    "cli_password": ("新密码：", "New password: "),
    "cli_password_again": ("再输入一次：", "Again: "),
    "cli_password_mismatch": ("两次输入不一致。", "The two entries differ."),
    "backup_exists": ("{path} 已存在，备份不会覆盖已有文件。", "{path} exists; a backup never overwrites a file."),
    "cli_backup_done": ("已备份到 {path}", "backed up to {path}"),
    "cli_restore_not_backup": (
        "{path} 不是本看板的数据库备份。",
        "{path} is not a backup of this dashboard's database.",
    ),
    "cli_restored": (
        "已从 {path} 恢复；原文件保留为 {kept}",
        "restored from {path}; the previous file is kept as {kept}",
    ),
    "cli_setting_saved": ("已保存设置 {name} = {value}", "setting saved: {name} = {value}"),
    # --- plausibility and unusual changes
    "implausible_default": (
        "超出合理范围（{range}）：请核对是否填错；如确属实，请在指标目录中设置该指标的{side}。",
        "is outside the plausible range ({range}): check for a typo; if the value is right, set "
        "the indicator's {side} in the catalog.",
    ),
    "implausible_catalog": (
        "超出指标目录设定的合理范围（{range}）：请核对是否填错；如确属实，请在指标目录中调整该指标的{side}。",
        "is outside the plausible range the catalog sets ({range}): check for a typo; if the value "
        "is right, change the indicator's {side} in the catalog.",
    ),
    "implausible_magnitude": (
        "绝对值超过 1 万亿（10^12），超出任何数据的合理范围：请核对是否多打了数位或用错了单位"
        "（如以元填写了以亿元计的指标）。",
        "is beyond 10^12 (a million million) in absolute value, more than any figure can be: check for extra digits "
        "or a wrong unit (元 where the indicator is counted in 亿元).",
    ),
    "bound_high": ("合理上限", "plausible maximum (合理上限, max)"),
    "bound_low": ("合理下限", "plausible minimum (合理下限, min)"),
    "implausible_hours": (
        "超出合理范围：一条培训记录的学时应大于 0、不超过 {high:g}；请核对是否填错；如确属实，请在「数据管理」页"
        "的设置中调高「每条培训记录学时上限」（max_hours_per_record）。",
        "is outside the plausible range: one training record has more than 0 and at most {high:g} "
        "hours; check for a typo; if the value is right, raise the setting “most hours per training "
        "record” (max_hours_per_record) on the Data page.",
    ),
    "bounds_inverted": (
        "合理下限 {low} 大于合理上限 {high}，请核对。",
        "the plausible minimum {low} is above the plausible maximum {high}.",
    ),
    "warn_unusual_change": (
        "{unit}「{indicator}」{period} 为 {new}，上期 {previous} 为 {old}，变动 {change}，远超同级单位"
        "同期变动的正常范围（{low} 至 {high}）：可能填错，请核对。",
        "{unit}, “{indicator}”, {period}: {new}, was {old} in {previous} (change {change}), far "
        "outside the changes of its peers ({low} to {high}): probably a typo, please check.",
    ),
    # Cadre ids against their stored spellings and each other, ignoring letter case (intake/cadre_ids.py;
    # docs/decisions.md#cadre-ids-in-another-letter-case)
    "warn_cadre_id_ambiguous": (
        "「{column}」列 {n} 个干部编号与库中几个编号都只差字母大小写，无法判断是哪一位，已按原样读取：{items}。"
        "导入后他们的记录不计入任何一位名下；请与名册核对，改为正确的写法后重新导入。",
        "Column “{column}”: {n} cadre {n:id differs|ids differ} only in letter case from several stored ids, so "
        "which cadre is meant cannot be told; read as written: {items}. Imported, {n:its|their} records count for "
        "none of them: check against the roster, write the right spelling and import again.",
    ),
    "cadre_id_ambiguous_item": ("第 {row} 行 {cadre}（库中有 {stored}）", "row {row}: {cadre} (stored: {stored})"),
    "warn_cadre_id_case_twins": (
        "「{column}」列有 {n} 组干部编号只差字母大小写，很可能是同一人，导入后却是不同的人：{items}。"
        "请统一写法后重新导入。",
        "Column “{column}”: {n} {n:group|groups} of cadre ids that differ only in letter case, each likely one "
        "person, imported as different cadres: {items}. Write each the same way and import again.",
    ),
    "cadre_id_at_row": ("第 {row} 行 {cadre}", "row {row}: {cadre}"),
    # A roster's ids that stored records (on no roster) hold in another letter case (store/cadre_id_case_records.py)
    "warn_cadre_id_stored_records": (
        "「{column}」列 {n} 个干部编号在已存的{kinds}中写法不同（只差字母大小写）：{items}。这些记录不会计入名册上的"
        "干部，请按名册写法重新导入。",
        "Column “{column}”: {n} cadre {n:id is|ids are} stored in another letter case in the {kinds}: {items}. "
        "Those records count for no cadre of the roster: import them again as the roster writes the {n:id|ids}.",
    ),
    "cadre_id_case_more": ("；另有 {n} 个未列出", "; {n} more not listed"),
    "cli_check_id_case": (
        "{kind}：干部编号 {stored} 与名册上的 {roster} 只差字母大小写（{n} 条记录），这些记录不计入该干部，请按名册写法重新导入。",
        "{kind}: cadre id {stored} differs only in letter case from the roster's {roster} ({n} {n:record|records}), "
        "counted for no cadre: import them again as the roster writes the id.",
    ),
    "warn_period_form": (
        "考核期 {period}（{form}，第 {row} 行起共 {n} 个数值）与库中已有的{kind}考核期频次不同：已有的为{stored}"
        "（最近为 {latest}）。导入后它将成为单独的一期，页面上可以选到，文件中没有的县区按未报齐列出。若本意是{stored}考核期，"
        "请改正考核期后重新导入。",
        "Period {period} ({form}; {n} {n:value|values} from row {row}) is of another frequency than the stored "
        "{kind} periods, which are {stored} (the latest {latest}). Imported, it becomes a period of its own that "
        "the pages offer, with the counties not in the file listed as not sent. If a {stored} period was meant, correct the "
        "period and import again.",
    ),
    "period_form_Y": ("年度", "yearly"),
    "period_form_H": ("半年度", "half-yearly"),
    "period_form_Q": ("季度", "quarterly"),
    "period_form_M": ("月度", "monthly"),
    "warn_level_shift": (
        "「{indicator}」{period}：文件中 {n} 个单位的数值约为其上期 {previous} 数值的 {ratio} 倍（中位数；如{unit} {new}，"
        "上期 {old}）：可能整列用错了单位，请核对。",
        "“{indicator}”, {period}: the file's values of {n} {n:unit|units} are about {ratio} times their values of "
        "{previous} (the median; e.g. {unit}: {new}, was {old}): the column may be in a wrong unit, please check.",
    ),
    "check_level_shift": (
        "「{indicator}」{period}：{n} 个单位的数值约为其上期 {previous} 数值的 {ratio} 倍（中位数；如{unit} {new}，"
        "上期 {old}）：可能整列用错了单位，请核对。",
        "“{indicator}”, {period}: the values of {n} {n:unit|units} are about {ratio} times their values of "
        "{previous} (the median; e.g. {unit}: {new}, was {old}): the column may be in a wrong unit, please check.",
    ),
    "warn_level_shift_converted": (
        "「{indicator}」{period}：文件中 {n} 个单位的数值约为其上期 {previous} 数值的 {ratio} 倍（中位数；如{unit} {new}，"
        "上期 {old}）。导入时「{column}」列的单位「{source}」已换算为「{target}」（×{factor}）：若原表实际以「{target}」"
        "填写，请改正标题或表头中的单位后重新导入。",
        "“{indicator}”, {period}: the file's values of {n} {n:unit|units} are about {ratio} times their values of "
        "{previous} (the median; e.g. {unit}: {new}, was {old}). Column “{column}” was converted from {source} to "
        "{target} (×{factor}): if the figures were in {target} already, correct the unit in the title or header "
        "and import again.",
    ),
    "warn_level_shift_prefecture": (
        "「{indicator}」{period}：文件中 {n} 个在库中没有该指标往期数值的单位，其数值约为全市同级单位 {previous} 数值"
        "中位数 {old} 的 {ratio} 倍（中位数；如{unit} {new}）。{hint}",
        "“{indicator}”, {period}: the file's values of {n} {n:unit|units} with no stored value of it before are "
        "about {ratio} times the median of the prefecture's values at their level in {previous}, {old} (the "
        "median; e.g. {unit}: {new}). {hint}",
    ),
    "check_level_shift_prefecture": (
        "「{indicator}」{period}：{n} 个此前没有该指标数值的单位，其数值约为全市同级单位 {previous} 数值中位数 {old} 的 "
        "{ratio} 倍（中位数；如{unit} {new}）。{hint}",
        "“{indicator}”, {period}: the values of {n} {n:unit|units} with no value of it before are about {ratio} "
        "times the median of the prefecture's values at their level in {previous}, {old} (the median; e.g. "
        "{unit}: {new}). {hint}",
    ),
    "level_shift_hint": ("可能整列用错了单位，请核对。", "The column may be in a wrong unit, please check."),
    "level_shift_hint_converted": (
        "导入时「{column}」列的单位「{source}」已换算为「{target}」（×{factor}）：若原表实际以「{target}」填写，请改正标题或"
        "表头中的单位后重新导入。",
        "Column “{column}” was converted from {source} to {target} (×{factor}): if the figures were in {target} "
        "already, correct the unit in the title or header and import again.",
    ),
    "warn_scale_unit_changed": (
        "文件「{file}」「{column}」列，「{indicator}」{period}：{n} 个单位数值的中位数 {new}，约为{basis} {previous} "
        "数值中位数（{old} {unit_then}，合 {old_now} {unit_now}）的 {ratio} 倍。指标目录自 {since}（{date}）起将单位由"
        "「{unit_then}」改为「{unit_now}」，文件可能仍按「{unit_then}」填写：请核对，按「{unit_now}」填写数值或在表头"
        "注明单位后重新导入。",
        "File “{file}”, column “{column}”, “{indicator}” {period}: the median of {n} {n:unit's|units'} values, "
        "{new}, is about {ratio} times the median of {basis} {previous} ({old} {unit_then}, i.e. {old_now} "
        "{unit_now}). The catalog changed the unit from {unit_then} to {unit_now} from {since} ({date}), so the "
        "file may still be in {unit_then}: please check, and enter the values in {unit_now} or state the unit in "
        "the header, and import again.",
    ),
    "check_scale_unit_changed": (
        "「{indicator}」{period}：{n} 个单位数值的中位数 {new}，约为{basis} {previous} 数值中位数（{old} {unit_then}，"
        "合 {old_now} {unit_now}）的 {ratio} 倍。指标目录自 {since}（{date}）起将单位由「{unit_then}」改为"
        "「{unit_now}」，这些数值可能仍按「{unit_then}」填写：请核对。",
        "“{indicator}”, {period}: the median of {n} {n:unit's|units'} values, {new}, is about {ratio} times the "
        "median of {basis} {previous} ({old} {unit_then}, i.e. {old_now} {unit_now}). The catalog changed the "
        "unit from {unit_then} to {unit_now} from {since} ({date}), so these values may still be in {unit_then}: "
        "please check.",
    ),
    "scale_basis_own": ("其库中", "their stored values of"),
    "scale_basis_prefecture": ("全市同级单位库中", "the prefecture's stored values at their level of"),
    "data_warnings": (
        "以下 {n} 个数值与上期相比变动异常，可能填错（仅提示，不影响导入）：",
        "{n} {n:value|values} changed unusually from the previous period and may be {n:a typo|typos} (a warning "
        "only; "
        "the file still imports):",
    ),
    "data_warnings_roster": (
        "这份花名册可能不全，请在导入前核对（仅提示，不影响导入）：",
        "This roster may be incomplete: please check before importing (a warning only; the file still imports):",
    ),
    "data_warnings_other": (
        "以下 {n} 项请在导入前核对（仅提示，不影响导入）：",
        "{n} {n:thing|things} to check before importing (a warning only; the file still imports):",
    ),
    "data_check": (
        "数据核查：已载入的数据中，{bounds} 个数值超出合理范围，{changes} 个数值与上期相比变动异常。",
        "Check of the loaded data: {bounds} {bounds:value|values} outside {bounds:its|their} plausible range, "
        "{changes} unusual {changes:change|changes} from the previous period.",
    ),
    "data_check_help": (
        "规则见 docs/data-format.md「合理范围与异常变动」；命令行：incentive check。",
        "Rules: docs/data-format.md, “Plausible values and unusual changes”; command line: incentive check.",
    ),
    "check_bounds": ("超出合理范围", "outside plausible range"),
    "check_change": ("异常变动", "unusual change"),
    "check_shift": ("整列量级异常", "whole column off in size"),
    "check_unscored": ("不计分", "not scored"),
    "check_two_rosters": ("两县区花名册", "on two rosters"),
    "check_col_check": ("核查项", "Check"),
    "check_col_period": ("考核期/日期", "Period or date"),
    "check_col_unit": ("单位", "Unit"),
    "check_col_item": ("指标/记录", "Indicator or record"),
    "check_col_old": ("上期值", "Previous value"),
    "check_col_message": ("说明", "Explanation"),
    "check_hours": ("学时", "hours"),
    "check_line_value": ("{kind} {where}，值「{value}」：{message}", "{kind} {where}, value “{value}”: {message}"),
    "check_line": ("{kind}：{message}", "{kind}: {message}"),
    "check_unscored_note": (
        "{period} {unit}「{indicator}」的数值 {value} 没有生效的指标目录版本，不计分（如其目录批次已撤销）：请补回目录版本或撤销该数值的批次。",
        "{period} {unit}, “{indicator}” = {value}: no catalog version is in force for it, so it is not scored (as "
        "after its catalog batch was rolled back): restore a catalog version or roll back the value's batch.",
    ),
    "data_check_unscored": (
        "另有 {n} 个数值没有生效的指标目录版本，不计分（见下表）。",
        "Besides, {n} {n:value has|values have} no catalog version in force and {n:is|are} not scored (see the table).",
    ),
    "cli_check_shifts": (
        "另有 {n} 个指标某期的数值整体约为上期的几十倍以上或几十分之一以下，可能整列用错了单位。",
        "Besides, {n} {n:indicator's values|indicators' values} of a period sit tens of times or more above or "
        "below the previous period's as a whole: the column may be in a wrong unit.",
    ),
    "data_check_shifts": (
        "另有 {n} 个指标某期的数值整体约为上期的几十倍以上或几十分之一以下，可能整列用错了单位（见下表）。",
        "Besides, {n} {n:indicator's values|indicators' values} of a period sit tens of times or more above or "
        "below the previous period's as a whole: the column may be in a wrong unit (see the table).",
    ),
    # a cadre id on two counties' rosters in force, both accepted (checks.two_rosters;
    # docs/decisions.md#a-cadre-on-two-county-rosters): the id, no name
    "check_two_rosters_note": (
        "干部 {cadre} 同时在{county}（统计日期 {as_of}）和{other}（统计日期 {other_as_of}）适用的花名册上，两县区都计入他，"
        "全市合计多计 1 人：如已调动，请原县区重新报送不再列出他的花名册；如干部编号有误，请更正后重新报送。",
        "cadre {cadre} is on the rosters in force of both {county} (as of {as_of}) and {other} (as of "
        "{other_as_of}): both counties count him and the prefecture's totals count him twice. After a move the old "
        "county re-sends its roster without him; if an id is wrong, correct it and send the roster again.",
    ),
    "cli_check_two_rosters": (
        "另有 {n} 名干部同时在两个县区适用的花名册上。",
        "Besides, {n} {n:cadre is|cadres are} on two counties' rosters in force.",
    ),
    "data_check_two_rosters": (
        "另有 {n} 名干部同时在两个县区适用的花名册上（见下表）。",
        "Besides, {n} {n:cadre is|cadres are} on two counties' rosters in force (see the table).",
    ),
    "cli_check_unscored": (
        "另有 {n} 个数值没有生效的指标目录版本，不计分。",
        "Besides, {n} {n:value has|values have} no catalog version in force and {n:is|are} not scored.",
    ),
    "cli_check_summary": (
        "核查完成：{bounds} 个数值超出合理范围，{changes} 个数值与上期相比变动异常。",
        "checked: {bounds} {bounds:value|values} outside {bounds:its|their} plausible range, {changes} unusual "
        "{changes:change|changes}.",
    ),
    "cli_note": ("说明：{text}", "note: {text}"),
    "cli_warning": ("提示：{text}", "warning: {text}"),
    "setting_max_hours_per_record": ("每条培训记录学时上限", "Most hours per training record"),
    "setting_hours_per_day": ("每天折合学时（0 = 不换算「天」）", "Hours per training day (0 = days not converted)"),
    # --- submissions and review
    "page_submit": ("报送数据", "Submit data"),
    "page_review": ("审核", "Review"),
    "page_review_pending": ("审核（{n} 待审）", "Review ({n} pending)"),
    "source_submission": ("县区报送", "county submission"),
    "submission_state_pending": ("待审核", "pending"),
    "submission_state_accepted": ("已通过", "accepted"),
    "submission_state_returned": ("已退回", "returned"),
    "submission_state_withdrawn": ("已撤回", "withdrawn"),
    "submit_kind_refused": (
        "县区不能报送{kind}：行政区划和指标目录由市里维护。",
        "A county cannot submit {kind}: the prefecture keeps the regions and the indicator catalog.",
    ),
    "submit_other_county": (
        "不是本县区（{own}）的数据，不能报送。",
        "not a row of {own}; a county submits only its own.",
    ),
    "submit_cadre_not_in_county": (
        "该干部在记录日期不在「{own}」的花名册上，不能报送。",
        "the cadre is not on the roster of {own} on the record's date; a county submits only its own cadres.",
    ),
    "submit_not_clerk": ("只有县区填报员可以报送数据。", "Only county clerks submit data."),
    "submit_not_importable": ("文件未通过检查，没有报送。", "The file did not pass the checks and was not submitted."),
    "review_not_admin": ("审核需要市级管理员登录。", "Reviewing needs the prefecture administrator to sign in."),
    "review_not_pending": ("该报送{state}，不能再处理。", "This submission is {state} and can no longer be changed."),
    "review_not_importable": (
        "按当前数据重新检查，该文件未通过，没有导入；请退回并说明原因。",
        "Checked again against the current data, the file does not pass and was not imported; return it with a note.",
    ),
    "review_note_required": ("退回时须填写说明。", "A return needs a note for the clerk."),
    "review_note_long": (
        "说明不能超过 {limit} 个字。",
        "A note may have at most {limit} {limit:character|characters}.",
    ),
    "withdraw_not_yours": ("只能撤回自己报送的数据。", "You can only withdraw your own submissions."),
    "submission_unknown": ("没有编号为 {id} 的报送。", "There is no submission {id}."),
    "rollback_refused_prefecture": (
        "不能撤销批次 #{batch}：它是全市的数据，您的账号只限于「{own}」。",
        "Batch #{batch} cannot be rolled back: it is the prefecture's, and your account is limited to {own}.",
    ),
    "rollback_refused_county": (
        "不能撤销批次 #{batch}：它属于「{county}」，您的账号只限于「{own}」。",
        "Batch #{batch} cannot be rolled back: it belongs to {county}, and your account is limited to {own}.",
    ),
    "audit_action_submit": ("报送", "Submission"),
    "audit_action_accept": ("审核通过", "Submission accepted"),
    "audit_action_return": ("退回报送", "Submission returned"),
    "audit_action_withdraw": ("撤回报送", "Submission withdrawn"),
    "audit_target_submission": ("报送 #{id}", "Submission #{id}"),
    "submit_intro": (
        "上传本县区（{county}）的数据文件，检查预览后提交审核；市级管理员审核通过后数据才生效。",
        "Upload your county's ({county}) files, check the preview and submit them for review; they go live once "
        "the prefecture administrator accepts them.",
    ),
    "submit_button": ("提交审核", "Submit for review"),
    "data_snapshot_replace_county": (
        "将替换「{county}」统计日期为 {as_of} 的花名册（该县区现有 {n} 人），其他县区不变。",
        "Replaces {county}'s cadres in the roster snapshot as of {as_of} (currently {n} {n:cadre|cadres}); other "
        "counties stay as they are.",
    ),
    "submit_done": ("已提交「{file}」，等待审核（报送 #{id}）。", "Submitted {file} for review (submission #{id})."),
    "submit_mine": ("本县区的报送", "Your county's submissions"),
    "submit_none": ("还没有报送。", "No submissions yet."),
    "submit_returned_resent": (
        "报送 #{id}「{file}」退回后已重新报送（报送 #{new}），等待市委组织部审核。",
        "Submission #{id} “{file}” was returned and has been sent again (submission #{new}); it awaits the "
        "prefecture's review.",
    ),
    "submit_returned_note": (
        "报送 #{id}「{file}」已退回，说明：{note}",
        "Submission #{id} ({file}) was returned with this note: {note}",
    ),
    "submit_pick_withdraw": ("选择要撤回的待审核报送", "Pending submission to withdraw"),
    "submit_withdraw": ("撤回", "Withdraw"),
    "submit_batches": ("本县区已生效的批次", "Your county's batches in force"),
    "submit_withdrawn": ("已撤回报送 #{id}。", "Withdrew submission #{id}."),
    "col_submission": ("报送", "Submission"),
    "col_county": ("县区", "County"),
    "col_submitted_by": ("报送人", "Submitted by"),
    "col_submitted_at": ("报送时间", "Submitted at"),
    "col_reviewed_by": ("处理人", "Handled by"),
    "col_reviewed_at": ("处理时间", "Handled at"),
    "review_queue": ("报送队列", "Submissions"),
    "review_none": ("没有待审核的报送。", "No submission is waiting for review."),
    "review_pick": ("打开报送", "Open a submission"),
    "review_opened": (
        "报送 #{id}：{county}，{who}，{at} 提交，状态：{state}。",
        "Submission #{id}: {county}, {who}, submitted {at}, {state}.",
    ),
    "review_recomputed": (
        "预览和影响按当前数据重新计算：通过后导入的正是这些数据。",
        "The preview and its effects are computed again against the current data: this is what accepting imports.",
    ),
    "review_accept": ("审核通过并导入", "Accept and import"),
    "review_accepted": ("已通过报送 #{id}，导入为批次 #{batch}。", "Accepted submission #{id} as batch #{batch}."),
    "review_note": ("退回说明（县区填报员可见）", "Note for the clerk (required to return)"),
    "review_return": ("退回", "Return"),
    "review_returned": ("已退回报送 #{id}。", "Returned submission #{id}."),
    "page_not_for_role": (
        "「{page}」页不对{role}开放；如需使用，请联系市级管理员。",
        "The “{page}” page is not open to a {role}; ask a prefecture administrator if you need it.",
    ),
    "page_clerk_only": (
        "「{page}」页仅限县区填报员：请先在左侧栏登录，登录后本页即显示。",
        "The “{page}” page is for county clerks: sign in from the sidebar and it opens here.",
    ),
    # submissions and review: corrections on the tracker, duplicate pending files, the tracker for county
    # accounts, published or live on the overview and over time (one block, kept together)
    "cycle_status_returned": ("退回待重报", "returned, awaiting a new file"),
    "cycle_correction_pending": ("更正待审核", "correction awaiting review"),
    "cycle_correction_returned": ("更正退回待重报", "correction returned, awaiting a new one"),
    "cycle_status_corrected": ("{status}，{correction}", "{status}; {correction}"),
    "cycle_col_returned": ("已退回报送", "Returned"),
    "cycle_owed_returned": ("整份文件（已退回，待重报）", "the whole file (returned, to send again)"),
    "cycle_owed_correction": ("更正文件（已退回，待重报）", "the correction (returned, to send again)"),
    "cycle_corrections_intro": (
        "审核退回而尚未重新报送的为「退回待重报」；已报送的期别又报来更正的，显示「更正待审核」或「更正退回待重报」。",
        "A file the reviewer returned and the county has not sent again is “returned, awaiting a new file”; a "
        "correction of a period already received shows as “correction awaiting review” or “correction returned”.",
    ),
    "cycle_own_county_only": (
        "本页只显示您所在县区（{county}）的报送进度，只读。",
        "This page shows your county's ({county}) rows only, read-only.",
    ),
    "page_account_only": (
        "「{page}」页需要登录：请在左侧栏「登录」，市级管理员可查看全部县区，县区账号可查看本县区。",
        "The “{page}” page needs a sign-in: sign in from the sidebar; a prefecture administrator sees every "
        "county, a county account its own county.",
    ),
    "review_col_alike": ("同期待审", "Same period pending"),
    "review_alike_pending": (
        "同一县区同一期另有 {n} 份待审核（{ids}）。都通过时，后通过的一份会覆盖相同的数据；请比较后只通过应生效的一份，"
        "其余退回。",
        "{n} other {n:submission|submissions} of the same county, kind and period {n:awaits|await} review ({ids}). "
        "If {n:both are|more than one is} accepted, the one accepted last overwrites the same data: compare them, "
        "accept the one that should count and return {n:the other|the others}.",
    ),
    "submit_alike_pending": (
        "本县区同一期的同类数据已有 {n} 份待审核（{ids}）。再提交这一份，两份都会等待审核；如这份是替换，请先撤回旧的。",
        "{n} {n:submission|submissions} of the same kind and period from your county already {n:awaits|await} "
        "review ({ids}). Submitting this one leaves {n:both|all of them} waiting; if it replaces one, withdraw that "
        "one first.",
    ),
    "pub_periods_published": ("{periods} 为正式发布结果", "{periods}: published results"),
    "pub_periods_live": ("{periods} 为实时数据（试算）", "{periods}: live data (trial)"),
    "pub_periods_joined": ("{first}，{second}", "{first}; {second}"),
    "pub_periods_end": ("。", "."),
    "welfare_trend_live": (
        "历次数值为当前数据（实时），不随正式发布版本冻结。",
        "Values over the periods are current data (live), not frozen by a publication.",
    ),
    # --- assessment cycle
    "page_progress": ("报送进度", "Submission tracker"),
    "cycle_intro": (
        "各县区按报送时限应报的文件：按时、逾期、待审核、退回待重报、未报送、未到期；随时报送、没有时限的干部调整尚未收到时为"
        "「暂无」；赛马得分和关爱指标另按指标目录核对是否报齐。",
        "What each county owes by the schedule: received on time or late, awaiting review, returned awaiting a new file, "
        "missing, not yet due; personnel decisions, sent as they happen with no deadline, read “nothing yet” until one "
        "comes; race scores and care figures are also checked against the catalog for values missing.",
    ),
    "cycle_schedule_note": (
        "报送时限：赛马得分按季度，期满后 {race} 天内；关爱指标按半年，{welfare} 天内；培训记录按{training_cycle}，"
        "{training} 天内；花名册按年（截至 12 月 31 日），{roster} 天内；干部调整随时报送。",
        "Schedule: race scores quarterly, due {race} {race:day|days} after the quarter; care figures half-yearly, "
        "{welfare} {welfare:day|days} after; training {training_cycle}, {training} {training:day|days} after; the "
        "roster yearly (as of 31 December), {roster} {roster:day|days} after; personnel movements as they happen.",
    ),
    "cycle_cycle_quarter": ("季度", "quarterly"),
    "cycle_cycle_month": ("月", "monthly"),
    "cycle_table": ("报送明细", "Every period, kind and county"),
    "cycle_counts": ("各县区汇总", "By county"),
    "cycle_reminders": ("催报清单", "Reminder list"),
    "cycle_reminders_none": ("没有逾期未报或缺项的内容。", "Nothing is overdue or incomplete."),
    "cycle_file_reminders": ("催报清单_{year}", "reminders_{year}"),
    "cycle_file_progress": ("报送进度_{year}", "submission_tracker_{year}"),
    "cycle_mine": ("{county}报送进度（{year} 年）", "What {county} owes in {year}"),
    "cycle_col_period": ("期别", "Period"),
    "cycle_col_deadline": ("截止日期", "Due by"),
    "cycle_col_received_at": ("报送时间", "Sent"),
    "cycle_col_received_by": ("报送人", "Sent by"),
    "cycle_col_batches": ("批次", "Batches"),
    "cycle_col_pending": ("待审报送", "Awaiting review"),
    "cycle_col_incomplete": ("缺项", "Incomplete"),
    "cycle_col_overdue": ("逾期天数", "Days overdue"),
    "cycle_col_owed": ("待报内容", "What is owed"),
    "cycle_status_received": ("按时报送", "received on time"),
    "cycle_status_late": ("逾期报送", "received late"),
    "cycle_status_pending": ("待审核", "awaiting review"),
    "cycle_status_missing": ("未报送", "missing"),
    "cycle_status_open": ("未到期", "not yet due"),
    "cycle_status_none": ("暂无", "nothing yet"),
    "cycle_incomplete_note": ("（{lacking}，共 {total} 项）", " ({lacking}, of {total})"),
    "cycle_owed_file": ("整份文件", "the whole file"),
    "cycle_owed_values": ("{lacking}指标值（共 {total} 项）", "{lacking} (of {total})"),
    "cycle_gap_none": ("无数据", "no data"),
    "cycle_gap_values": ("缺 {n} 项", "{n} {n:value|values} missing"),
    "cycle_gap_county_values": ("本级缺 {n} 项", "{n} county-level {n:value|values} missing"),
    "cycle_gap_township_values": ("乡镇缺 {n} 项", "{n} township {n:value|values} missing"),
    "cycle_gap_pending": ("待审核", "awaiting review"),
    "cycle_gap_county": ("{county}（{reasons}）", "{county} ({reasons})"),
    "cycle_gaps": (
        "本期 {n} 个县区数据未报齐：{counties}。",
        "Data for this period are incomplete in {n} {n:county|counties}: {counties}.",
    ),
    "data_settings_schedule": ("报送时限", "Submission schedule"),
    "data_settings_schedule_note": (
        "修改只对尚未结束的考核期生效：已结束的考核期仍按其结束时的报送天数判断按时或逾期；培训记录报送周期从下一个季度起"
        "改变，已开始的季度仍按原周期报送。",
        "A change applies only to the periods not yet over: a period already over is still judged by the days in "
        "force when it ended, and a new training cycle starts with the next quarter (a quarter already begun keeps "
        "its cycle).",
    ),
    "cycle_schedule_past": (
        "已结束的考核期按其结束时的时限判断。",
        "A period already over is judged by the schedule in force when it ended.",
    ),
    "setting_due_days_race_scores": ("赛马得分：季度结束后报送天数", "Race scores due (days after the quarter)"),
    "setting_due_days_welfare": ("关爱指标：半年结束后报送天数", "Care figures due (days after the half-year)"),
    "setting_due_days_training": ("培训记录：期满后报送天数", "Training due (days after the period)"),
    "setting_training_cycle_months": ("培训记录报送周期（月：1 或 3）", "Training owed every (months: 1 or 3)"),
    "setting_due_days_roster": ("花名册：年末后报送天数", "Roster due (days after 31 December)"),
    "setting_idle_minutes": ("无操作自动退出（分钟）", "Sign-out after idle (minutes)"),
    "setting_rank_min_coverage": (
        "参与排名的最低指标覆盖率（%）",
        "Least share of indicators present to be ranked (%)",
    ),
    "template_hint_min": (
        "合理下限：低于此值的数值拒收；留空则按单位默认（如 % 类「率」不低于 0，件/人/次等不为负）",
        "Plausible minimum: lower values are refused; blank: the default by unit (a % rate ≥ 0, counts ≥ 0)",
    ),
    "template_hint_max": (
        "合理上限：高于此值的数值拒收；留空则按单位默认（如 % 类「率」不超过 100）",
        "Plausible maximum: higher values are refused; blank: the default by unit (a % rate ≤ 100)",
    ),
    # --- assessment cycle: what a publication freezes, refusals said in order, settings out of range, the
    # sample's receipt times (docs/decisions.md#what-is-frozen, #publication-refusals, #settings-out-of-range,
    # #sample-receipt-times)
    "pub_panel_help_both": (
        "将 {period} 的赛马排名（z 分数、指标目录权重、方阵三等分，含各县区的乡镇排名）和关心关爱达标状态连同数据版本"
        "冻结为正式结果。此后导入的数据不会改变已发布的数字；更正后再次发布将生成新版本，旧版本保留。",
        "Freezes the race ranking of {period} (z-score, catalog weights, tiers in thirds, the townships of every "
        "county included) and its care statuses, with the data version, as the official results. Later imports "
        "do not change what is published; publishing again after a correction makes a new version and keeps the "
        "old one.",
    ),
    "pub_panel_help_ranking": (
        "将 {period} 的赛马排名（z 分数、指标目录权重、方阵三等分，含各县区的乡镇排名）连同数据版本冻结为正式结果。"
        "{period} 没有关心关爱数据，不发布达标状态。此后导入的数据不会改变已发布的数字；更正后再次发布将生成新版本，"
        "旧版本保留。",
        "Freezes the race ranking of {period} (z-score, catalog weights, tiers in thirds, the townships of every "
        "county included), with the data version, as the official results. {period} has no care figures, so no "
        "care statuses are published. Later imports do not change what is published; publishing again after a "
        "correction makes a new version and keeps the old one.",
    ),
    "pub_panel_help_care": (
        "将 {period} 的关心关爱达标状态（数值、目标、状态、中位数及与上期的比较）连同数据版本冻结为正式结果。"
        "{period} 没有赛马得分，不发布排名。此后导入的数据不会改变已发布的数字；更正后再次发布将生成新版本，旧版本保留。",
        "Freezes the care statuses of {period} (values, targets, statuses, medians and the change since the "
        "previous period), with the data version, as the official results. {period} has no race scores, so no "
        "ranking is published. Later imports do not change what is published; publishing again after a "
        "correction makes a new version and keeps the old one.",
    ),
    "pub_needs_reason_and_pending": (
        "{period} 已正式发布；再次发布将生成新版本，请填写更正原因。另有 {n} 份报送待审核：请先审核，或同时填写强制"
        "发布理由。",
        "{period} is already published; publishing it again makes a new version, so give the reason for the "
        "correction. Also, {n} {n:submission|submissions} of it {n:awaits|await} review: review {n:it|them} first, or "
        "give a reason to publish anyway as well.",
    ),
    "audit_detail_publish_needs_reason_and_pending": (
        "再次发布未填更正原因，且有报送待审核",
        "published again without a reason, with submissions awaiting review",
    ),
    "cli_published_both": (
        "已发布 {period} 第 {version} 版：赛马排名 {ranks} 行，关心关爱状态 {statuses} 项（数据版本 {data}）。",
        "Published {period}, version {version}: the race ranking ({ranks} {ranks:row|rows}) and {statuses} care "
        "{statuses:status|statuses} (data version {data}).",
    ),
    "cli_published_ranking": (
        "已发布 {period} 第 {version} 版：赛马排名 {ranks} 行（数据版本 {data}）。{period} 没有关心关爱数据，未发布达标状态。",
        "Published {period}, version {version}: the race ranking ({ranks} {ranks:row|rows}; data version {data}). "
        "{period} has no care figures, so no care statuses were published.",
    ),
    "cli_published_care": (
        "已发布 {period} 第 {version} 版：关心关爱状态 {statuses} 项（数据版本 {data}）。{period} 没有赛马得分，未发布排名。",
        "Published {period}, version {version}: {statuses} care {statuses:status|statuses} (data version {data}). "
        "{period} has no race scores, so no ranking was published.",
    ),
    "cli_published_without_care": (
        "{period} 已正式发布（第 {version} 版），但只发布了赛马排名：发布时 {period} 没有关心关爱数据，没有已发布的达标状态。",
        "{period} is published (version {version}) with its race ranking only: it had no care figures when it was "
        "published, so there are no published care statuses.",
    ),
    "cli_published_without_ranking": (
        "{period} 已正式发布（第 {version} 版），但只发布了关心关爱状态：发布时 {period} 没有赛马得分，没有已发布的排名。",
        "{period} is published (version {version}) with its care statuses only: it had no race scores when it was "
        "published, so there is no published ranking.",
    ),
    "cli_published_without_townships": (
        "{period} 已正式发布（第 {version} 版），但其中没有{county}的乡镇排名：发布时{county}的乡镇没有该期赛马得分。",
        "{period} is published (version {version}), but without a ranking of the townships of {county}: they "
        "had no race scores of {period} when it was published.",
    ),
    "cli_no_care_period": (
        "{period} 没有关心关爱数据；有数据的期别：{periods}",
        "{period} has no care figures; periods with care figures: {periods}",
    ),
    "setting_not_number": (
        "设置「{label}」（{name}）的值「{value}」不是数字，应在 {low:g} 至 {high:g} 之间。",
        "Value “{value}” for “{label}” ({name}) is not a number; use {low:g} to {high:g}.",
    ),
    "setting_out_of_range": (
        "设置「{label}」（{name}）的值「{value}」超出允许范围，应在 {low:g} 至 {high:g} 之间。",
        "Value “{value}” for “{label}” ({name}) is out of range; use {low:g} to {high:g}.",
    ),
    "setting_out_of_range_whole": (
        "设置「{label}」（{name}）的值「{value}」超出允许范围，应为 {low:g} 至 {high:g} 之间的整数。",
        "Value “{value}” for “{label}” ({name}) is out of range; use a whole number from {low:g} to {high:g}.",
    ),
    "setting_not_whole": (
        "设置「{label}」（{name}）的值「{value}」不是整数，应为 {low:g} 至 {high:g} 之间的整数。",
        "Value “{value}” for “{label}” ({name}) is not a whole number; use a whole number from {low:g} to {high:g}.",
    ),
    "setting_not_a_choice": (
        "设置「{label}」（{name}）的值「{value}」无效，可选：{choices}。",
        "Value “{value}” for “{label}” ({name}) is not allowed; use one of {choices}.",
    ),
    "setting_kept": ("未保存，仍为 {current}。", " Not saved: it stays {current}."),
    "setting_help_range": ("允许范围：{range}", "Allowed: {range}"),
    "setting_help_whole": ("允许范围：{range} 的整数", "Allowed: a whole number, {range}"),
    "data_settings_refused": (
        "未保存任何设置：请改正上面的数值后再保存。",
        "No setting was saved: correct the values above and save again.",
    ),
    "data_settings_unchanged": ("设置没有改动，未保存。", "No setting was changed; nothing saved."),
    "pub_issued_without": (
        "{period} 已正式发布（第 {version} 版），但其中没有{part}：发布时尚无这些数据。以下为实时数据（试算）。",
        "{period} is published (version {version}), but without {part}: there were no such data then. Live data "
        "(trial) below.",
    ),
    "pub_part_ranking": ("赛马排名", "the race ranking"),
    "pub_part_townships": ("{county}的乡镇排名", "the ranking of the townships of {county}"),
    "pub_part_care": ("关心关爱达标状态", "care statuses"),
    "cycle_sample_receipts": (
        "示例数据的报送时间是示例中虚构的报送时间（载入示例时一并记录），不是载入时间；导入真实数据后按实际报送时间计算。",
        "The sample's times of sending are fictional, part of the sample (recorded when it was loaded), not when it "
        "was loaded; real data are judged by when they were really sent.",
    ),
    # --- rank moves between periods ranking different units (docs/decisions.md#rank-moves-compare-the-same-units)
    "moves_withheld_county": (
        "{period}与{previous}参与排名的县区不同（{details}），名次不可比，不列名次升降。",
        "No rank changes against {previous}: {period} and {previous} rank different counties ({details}), so their "
        "ranks are not comparable.",
    ),
    "moves_withheld_township": (
        "{period}与{previous}参与排名的乡镇不同（{details}），名次不可比，不列名次升降。",
        "No rank changes against {previous}: {period} and {previous} rank different townships ({details}), so "
        "their ranks are not comparable.",
    ),
    "moves_not_ranked": ("{units}{period}未参与排名", "{units} not ranked in {period}"),
    "moves_not_ranked_listed_county": (
        "上列 {n} 个县区{period}未参与排名",
        "the {n} listed above as not ranked in {period}",
    ),
    "moves_not_ranked_listed_township": (
        "上列 {n} 个乡镇{period}未参与排名",
        "the {n} listed above as not ranked in {period}",
    ),
    # --- scoring
    "tier_1": ("第一方阵", "First tier"),
    "tier_2": ("第二方阵", "Second tier"),
    "tier_3": ("第三方阵", "Third tier"),
    "scoring_unknown_track": (
        "没有名为「{track}」的赛道；现有赛道：{tracks}。",
        "No track named “{track}”; tracks are: {tracks}.",
    ),
    "scoring_weight_over_percent": (
        "赛道「{track}」的权重 {weight} 超过 100（按百分比填写，0 到 100）。",
        "Weight {weight} for track “{track}” is above 100 (weights are percentages, 0 to 100).",
    ),
    "scoring_bad_weight": (
        "赛道「{track}」的权重 {weight} 无效，应为不小于 0 的数。",
        "Weight {weight} for track “{track}” is not valid; use a number of at least 0.",
    ),
    "scoring_zero_weights": (
        "赛道权重之和为 0，无法计算综合得分。",
        "Track weights add up to 0; no composite can be computed.",
    ),
    "scoring_bad_weights_text": (
        "权重「{part}」无法识别，应写作 赛道=权重，如 项目建设=0.3。",
        "Weight “{part}” not understood; write TRACK=WEIGHT, e.g. 项目建设=0.3.",
    ),
    "scoring_bad_tiers": (
        "方阵比例「{text}」无效：应为两个百分数（第一方阵、第三方阵），第一方阵大于 0，两者之和不超过 100。",
        "Tier shares “{text}” are not valid: give two percentages (first, third tier), the first "
        "above 0, together at most 100.",
    ),
    "scoring_bad_method": (
        "标准化方法「{method}」无效，可选：{methods}。",
        "Method “{method}” is not one of {methods}.",
    ),
    # --- delivery (incentive/sharing/delivery.py, `incentive deliver`; docs/decisions.md#delivery)
    "delivery_name_bulletin": ("{period}_{scope}_通报", "{period}_{scope}_bulletin"),
    "delivery_name_briefing": ("{period}_{scope}_简报", "{period}_{scope}_briefing"),
    "delivery_name_alerts": ("{period}_预警清单", "{period}_warnings"),
    "delivery_name_manifest": ("{period}_交付清单", "{period}_manifest"),
    "delivery_out_dir": ("无法写入交付目录 {path}：{reason}", "Cannot write to the delivery folder {path}: {reason}"),
    "delivery_not_published": (
        "{period} 的赛马排名尚未正式发布，而本次只交付正式发布的结果：未生成任何文件。",
        "The race ranking of {period} is not officially published, and only published results were asked for: "
        "no file was written.",
    ),
    "delivery_alerts_title": ("{period}预警清单", "Warning list, {period}"),
    "delivery_alerts_none": ("本期无预警。", "No warnings for this period."),
    "delivery_alerts_sheet": ("预警清单", "Warnings"),
    "delivery_link_relative": ("看板地址后加 {address}", "the dashboard's address followed by {address}"),
    "delivery_stale_removed": (
        "（已删除同名的旧文件，以免与本次交付混用）",
        " (an older file of this name was removed, so that it is not taken for this delivery's)",
    ),
    "delivery_pdf_timeout": ("PDF 打印超时（{seconds} 秒）。", "Printing the PDF took longer than {seconds} seconds."),
    "delivery_write_failed": ("写入失败：{reason}", "Could not be written: {reason}"),
    "delivery_internal_error": ("生成时出错：{error}", "Failed while being made: {error}"),
    "delivery_summary_refused": (
        "【干部激励看板】{period}材料未生成：{reason}",
        "[Cadre Incentive Dashboard] The documents of {period} were not made: {reason}",
    ),
    "delivery_summary_done": (
        "【干部激励看板】{period}材料已生成，共 {n} 个文件。",
        "[Cadre Incentive Dashboard] The documents of {period} are ready: {n} {n:file|files}.",
    ),
    "delivery_summary_partial": (
        "【干部激励看板】{period}材料部分生成：{n} 个文件已生成，{failed} 个未生成。",
        "[Cadre Incentive Dashboard] The documents of {period} are partly ready: {n} {n:file|files} written, "
        "{failed} not.",
    ),
    "delivery_summary_failed": ("未生成：{names}。原因：{reasons}", "Not written: {names}. Why: {reasons}"),
    "delivery_summary_basis": ("赛马排名：{basis}。", "Race ranking: {basis}."),
    "delivery_summary_warnings": ("预警：红色 {red} 条，黄色 {yellow} 条。", "Warnings: {red} red, {yellow} yellow."),
    "delivery_summary_withheld": (
        "另有 {n} 条培训进度预警涉及按小数保护规则隐藏的数字，未列出。",
        "{n} more training {n:warning|warnings} would tell figures hidden by the small-numbers rule and "
        "{n:is|are} not listed.",
    ),
    "delivery_summary_files": ("文件：{names}", "Files: {names}"),
    "delivery_summary_files_counted": ("文件 {n} 个，清单见 {manifest}。", "{n} {n:file|files}, listed in {manifest}."),
    "delivery_webhook_bad_url": (
        "推送地址须以 http:// 或 https:// 开头并含主机名。",
        "The webhook address must start with http:// or https:// and name a host.",
    ),
    "delivery_webhook_status": (
        "推送到 {host} 失败：对方返回 HTTP {status}。",
        "The post to {host} failed: it answered HTTP {status}.",
    ),
    "delivery_webhook_unreachable": ("推送到 {host} 失败：{reason}。", "The post to {host} failed: {reason}."),
    "delivery_webhook_refused": ("推送到 {host} 被拒绝：{reason}。", "{host} refused the post: {reason}."),
    "cli_deliver_written": ("[{done}/{total}] 已写出 {name}（{kb} KB）", "[{done}/{total}] written: {name} ({kb} KB)"),
    "cli_deliver_failed": (
        "[{done}/{total}] 未生成 {name}：{reason}",
        "[{done}/{total}] not written: {name}: {reason}",
    ),
    "cli_deliver_summary": (
        "{period}：{n} 个文件已写出到 {path}；预警 红色 {red} 条，黄色 {yellow} 条。",
        "{period}: {n} {n:file|files} written to {path}; warnings: {red} red, {yellow} yellow.",
    ),
    "cli_deliver_incomplete": (
        "{failed} 个文件未生成，原因见上。",
        "{failed} {failed:file was|files were} not written: see above.",
    ),
    "cli_deliver_webhook_ok": ("已推送摘要到 {host}。", "Summary posted to {host}."),
    "cli_deliver_webhook_failed": ("{reason}文件已写出，不受影响。", "{reason} The files are written and kept."),
    "cli_deliver_bad_period": (
        "考核期无法识别：{value}（可写 2026Q3、2026-H1，或 last-quarter、last-half）",
        "period not recognised: {value} (write 2026Q3, 2026-H1, or last-quarter, last-half)",
    ),
    "audit_action_deliver": ("定期交付", "Scheduled delivery"),
    "audit_outcome_partial": ("部分完成", "Partly done"),
    "audit_detail_deliver_failed": ("{n} 个文件未生成", "{n} {n:file|files} not written"),
    "audit_detail_deliver_webhook_ok": ("已推送至 {host}", "posted to {host}"),
    "audit_detail_deliver_webhook_failed": ("推送至 {host} 失败", "post to {host} failed"),
    "audit_detail_deliver_refused_no_data": ("无数据，未交付", "no data: nothing delivered"),
    "audit_detail_deliver_refused_not_published": ("未正式发布，未交付", "not published: nothing delivered"),
    "audit_detail_deliver_refused_out_dir": ("目录无法写入，未交付", "folder not writable: nothing delivered"),
    # --- bulletin wording (issue 19 review: GB/T 9704 order, 附注, periods in words, corrections, caveats)
    "bulletin_interval": ("（排名区间{interval}）", " (interval {interval})"),
    "pub_superseded": (
        "{period} 已于 {date} 发布第 {newest} 版，此处为链接固定时点有效的第 {version} 版。",
        "Version {newest} of {period} was published on {date}; this shows version {version}, in force at the link's "
        "pinned moment.",
    ),
    "bulletin_note_care": ("关心关爱数据为{basis}。", "The care figures: {basis}."),
    "bulletin_correction": (
        "本通报为{period}{what}第{version}版，更正原因：{reason}；原第{previous}版{number}同时作废。",
        "This bulletin is version {version} of the {what} of {period}, a correction ({reason}); version "
        "{previous}{number} is withdrawn.",
    ),
    "bulletin_correction_race": ("赛马考评结果", "race results"),
    "bulletin_correction_care": ("关心关爱考评结果", "care results"),
    "bulletin_correction_number": ("（{number}）", " ({number})"),
    "brief_training_prefecture": (
        "{window}全市培训覆盖率 {coverage:.1%}，人均 {hours:.1f} 学时。",
        "Training {window}, all counties: coverage {coverage:.1%}, {hours:.1f} {hours:hour|hours} per cadre.",
    ),
    # --- bulletin (通报, incentive/sharing/bulletin.py)
    "bulletin_button": ("下载通报（Word）", "Bulletin (Word)"),
    "bulletin_working": ("正在生成通报…", "Preparing the bulletin…"),
    "bulletin_download": ("下载通报", "Download bulletin"),
    "bulletin_no_period": ("{year} 年暂无可通报的考核期。", "{year} has no period to report on."),
    "bulletin_unknown_county": (
        "没有名为「{county}」的县区。县区有：{counties}。",
        "No county named “{county}”. The counties are: {counties}.",
    ),
    "bulletin_held_span": ("{first} 至 {last}，共 {n} 期", "{first} to {last}, {n} {n:period|periods}"),
    "bulletin_no_data": (
        "{period} 本期既无赛马得分，也无期内的关心关爱数据，无法生成通报。已有数据：赛马 {race}；关爱 {care}。",
        "{period} has neither race scores nor care figures of its own: no bulletin can be made. Data held: race "
        "{race}; care {care}.",
    ),
    "cli_bulletin_needs_period": (
        "导出通报需要 --period（考核期）和 --out（.docx 文件）。",
        "export bulletin needs --period (the period) and --out (a .docx file).",
    ),
    "cli_bulletin_written": ("已写出通报：{path}（{basis}）", "Bulletin written: {path} ({basis})"),
    "data_settings_bulletin": ("通报版头", "Bulletin head"),
    "setting_bulletin_issuer": ("通报发文机关", "Bulletin: issuing body"),
    "setting_bulletin_document_no": ("通报文号", "Bulletin: document number"),
    "setting_bad_text": (
        "设置「{label}」（{name}）须为一行文字，{low}～{high} 个字符。",
        "Setting “{label}” ({name}) must be one line of {low} to {high} characters.",
    ),
    "bulletin_file_name": ("{scope}{period}干部激励考评通报", "Cadre incentive bulletin {scope} {period}"),
    "bulletin_period_year": ("{year}年度", "{year}"),
    "bulletin_period_h1": ("{year}年上半年", "the first half of {year}"),
    "bulletin_period_h2": ("{year}年下半年", "the second half of {year}"),
    "bulletin_period_quarter": ("{year}年第{q}季度", "Q{q} {year}"),
    "bulletin_period_month": ("{year}年{month}月", "{year}-{month:02d}"),
    "bulletin_date": ("{year}年{month}月{day}日", "{year}-{month:02d}-{day:02d}"),
    "bulletin_window_year": ("{year}年", "{year}"),
    "bulletin_window_month": ("{year}年{month}月", "{year}-{month:02d}"),
    "bulletin_window_months": ("{year}年{first}—{last}月", "{year}-{first:02d} to {year}-{last:02d}"),
    "bulletin_title": (
        "关于{period}全市干部激励考评情况的通报",
        "Bulletin on the cadre incentive results of all counties, {period}",
    ),
    "bulletin_title_county": (
        "关于{period}{county}干部激励考评情况的通报",
        "Bulletin on the cadre incentive results of {county}, {period}",
    ),
    "bulletin_published": (
        "本通报所列赛马排名为{label}的结果。",
        "The race ranking in this bulletin is the officially published one: {label}.",
    ),
    "bulletin_trial": (
        "实时数据（试算）：本期排名尚未审定发布，本通报仅供参考。",
        "Live data (trial): this period's ranking has not been officially published; for reference only.",
    ),
    "bulletin_to_counties": ("各县（市、区）委组织部：", "To the organization departments of all counties:"),
    "bulletin_to_county": ("{county}委组织部：", "To the organization department of {county}:"),
    "bulletin_opening": (
        "现将{period}干部激励考评有关情况通报如下。",
        "The cadre incentive results of {period} are as follows.",
    ),
    "bulletin_heading": ("{number}、{title}", "{number}. {title}"),
    "bulletin_h_race": ("赛马考评排名情况", "Race ranking"),
    "bulletin_h_changes": ("排名变化情况", "Changes against the previous period"),
    "bulletin_h_training": ("干部教育培训情况", "Cadre training"),
    "bulletin_h_care": ("关心关爱落实情况", "Care for cadres"),
    "bulletin_race_none": ("{period}暂无赛马考评数据。", "There are no race scores for {period}."),
    "bulletin_race_overall": (
        "{period}全市共{n}个县区参加赛马考评，{leader}以综合得分{score:.3f}位居第一。",
        "{n} {n:county|counties} took part in the race of {period}; {leader} leads with a composite of {score:.3f}.",
    ),
    "bulletin_race_overall_class": (
        "{period}本类共{n}个县区参加赛马考评，{leader}以综合得分{score:.3f}位居第一。",
        "{n} {n:county|counties} of the class took part in the race of {period}; {leader} leads with a composite of "
        "{score:.3f}.",
    ),
    "bulletin_race_overall_tied_class": (
        "{period}本类共{n}个县区参加赛马考评，{leader}以综合得分{score:.3f}并列第一。",
        "{n} {n:county|counties} of the class took part in the race of {period}; {leader} share the lead with a "
        "composite of {score:.3f}.",
    ),
    "bulletin_race_overall_tied": (
        "{period}全市共{n}个县区参加赛马考评，{leader}以综合得分{score:.3f}并列第一。",
        "{n} {n:county|counties} took part in the race of {period}; {leader} share the lead with a composite of "
        "{score:.3f}.",
    ),
    "bulletin_first_tier": ("进入第一方阵的是：{units}（{n}个）。", "First tier: {units} ({n})."),
    "bulletin_third_tier": ("处于第三方阵的是：{units}（{n}个）。", "Third tier: {units} ({n})."),
    "bulletin_unranked": ("{units}因数据不全未参与排名。", "Not ranked for incomplete data: {units}."),
    "bulletin_county_absent": (
        "{period}暂无{county}的赛马考评数据。",
        "There are no race scores of {county} for {period}.",
    ),
    "bulletin_county_unranked": (
        "{period}，{county}因数据不全（缺{missing}项）未参与排名。",
        "In {period}, {county} was not ranked: {missing} {missing:indicator|indicators} missing.",
    ),
    "bulletin_county_rank": (
        "{period}，{county}在全市{n}个县区中排名第{rank}名{interval}，综合得分{score:.3f}，处于{tier}。",
        "In {period}, {county} ranks {rank} of {n} {n:county|counties}{interval} with a composite of "
        "{score:.3f}: {tier}.",
    ),
    "bulletin_context": ("全市情况：{text}", "Across the prefecture: {text}"),
    "bulletin_context_class": ("本类情况：{text}", "Across the class: {text}"),
    "bulletin_county_rank_class": (
        "{period}，{county}在本类{n}个县区中排名第{rank}名{interval}，综合得分{score:.3f}，处于{tier}。",
        "In {period}, {county} ranks {rank} of the {n} {n:county|counties} of its class{interval} with a composite "
        "of {score:.3f}: {tier}.",
    ),
    "bulletin_no_previous": ("{period}无可比的上期排名。", "There is no earlier ranking to compare {period} with."),
    "bulletin_against": ("与{previous}相比，", "Against {previous}, "),
    "bulletin_climbers": (
        "与{previous}相比，{n}个县区名次上升。",
        "Against {previous}, {n} {n:county|counties} moved up.",
    ),
    "bulletin_sliders": (
        "与{previous}相比，{n}个县区名次下降。",
        "Against {previous}, {n} {n:county|counties} moved down.",
    ),
    "bulletin_no_moves": ("与{previous}相比，各县区名次均无变化。", "Against {previous}, no county changed rank."),
    "bulletin_climber": (
        "{unit}由第{before}名升至第{now}名，上升{k}位{reasons}。",
        "{unit} rose {k} {k:place|places}, from {before} to {now}{reasons}.",
    ),
    "bulletin_slider": (
        "{unit}由第{before}名降至第{now}名，下降{k}位{reasons}。",
        "{unit} fell {k} {k:place|places}, from {before} to {now}{reasons}.",
    ),
    "bulletin_reasons_up": ("，主要得益于{items}", ", mainly on {items}"),
    "bulletin_reasons_down": ("，主要受{items}拖累", ", mainly on {items}"),
    "bulletin_reasons_others": (
        "，名次变化主要源于其他县区得分变化",
        ", moved by other counties' scores rather than its own",
    ),
    "bulletin_reason_item": ("{name}（{value:+.2f}）", "{name} ({value:+.2f})"),
    "bulletin_reasons_note": (
        "括号内为该指标对综合得分变化的贡献（分）。",
        "In brackets: the indicator's contribution to the change of the composite (points).",
    ),
    "bulletin_county_same": (
        "与{previous}相比，{county}名次不变，仍为第{rank}名。",
        "Against {previous}, {county} keeps rank {rank}.",
    ),
    "bulletin_county_not_compared": (
        "{county}在{previous}或本期未参与排名，无法比较名次变化。",
        "{county} was not ranked in {previous} or in this period: no change to report.",
    ),
    "bulletin_training_none": ("{window}暂无干部培训记录。", "There are no training records for {window}."),
    "bulletin_training_gaps": ("培训短板较明显的有：{items}。", "The widest gaps: {items}."),
    "bulletin_gap_category": (
        "{county}{category}覆盖率{coverage:.1%}，低于全市{gap:.1f}个百分点",
        "{county}, {category}: {coverage:.1%}, {gap:.1f} pp below the prefecture",
    ),
    "bulletin_gap_domain": (
        "{county}「{domain}」领域培训覆盖{reach:.1%}，低于全市{gap:.1f}个百分点",
        "{county}, {domain}: {reach:.1%} reached, {gap:.1f} pp below the prefecture",
    ),
    "bulletin_training_withheld": (
        "{units}干部人数较少，培训数据不公开。",
        "Training figures of {units} are withheld (few cadres).",
    ),
    "bulletin_training_all_withheld": (
        "{window}干部培训数据涉及人数较少，不予公开。",
        "Training figures for {window} are withheld (few cadres).",
    ),
    "bulletin_training_county_gaps": ("主要短板：{items}。", "Main gaps: {items}."),
    "bulletin_training_county_none": (
        "{window}{county}暂无在册干部。",
        "{county} has no cadres on the roster for {window}.",
    ),
    "bulletin_training_county_withheld": (
        "{county}干部人数较少，培训数据不公开。",
        "Training figures of {county} are withheld (few cadres).",
    ),
    "bulletin_care_none": ("{half}暂无关心关爱指标数据。", "There are no care figures for {half} yet."),
    "bulletin_care_half": (
        "关心关爱指标按半年考核，以下为{half}情况。",
        "Care figures are half-yearly; these are of {half}.",
    ),
    "bulletin_care_county_none": (
        "{half}暂无{county}的关心关爱指标数据。",
        "There are no care figures of {county} for {half}.",
    ),
    "bulletin_care_county_below": (
        "{county}{half}可判定的{total}项指标中达标{met}项，未达标{n}项：{items}。",
        "{county}, {half}: {met} of {total} judged {total:indicator|indicators} met; {n} below target: {items}.",
    ),
    "bulletin_care_county_met": (
        "{county}{half}可判定的{total}项指标中达标{met}项，无未达标指标。",
        "{county}, {half}: {met} of {total} judged {total:indicator|indicators} met; none below target.",
    ),
    "bulletin_care_item": ("{name}（{value}，目标{target}）", "{name} ({value}, target {target})"),
    "bulletin_table_title": ("{period}赛马考评排名表", "Race ranking, {period}"),
    # GB/T 9704-2012 7.3.6 and 8: the body ends with 附件：<name>, the annex starts with 附件 on its own line
    "bulletin_annex_basis": (
        "附件排名为第{version}版正式发布结果，依据发布时的数据（最新为批次 #{latest}，{when} 发布）；下行所列为正文中实时数据的版本。",
        "The annexed ranking is published version {version}, from the data as published (newest batch #{latest}, "
        "published {when}); the line below names the data of the live figures in the text.",
    ),
    "bulletin_attachment_note": ("附件：{title}", "Annex: {title}"),
    "bulletin_attachment_label": ("附件", "Annex"),
    # --- bulletin fixes (issue 19 review): race periods, small counts, care half-year, document numbers, format
    "bulletin_race_not_ranked": (
        "{period}不单独进行赛马考评排名；期内赛马考评排名见{periods}通报。",
        "There is no race ranking of {period} itself; the race within it is ranked in the bulletins of {periods}.",
    ),
    "bulletin_h_care_half": ("（{half}）", " ({half})"),
    "data_version_pinned_since": ("（固定版本：截至 {when}）", " (pinned: as of {when})"),
    "training_running_cut": (
        "{period}尚在报送中（{of} 个县区中已有 {sent} 个报送），各项数字截至{last}，不含该期。",
        "{period} is still being sent ({sent} of {of} counties so far): the figures run to {last} and leave it out.",
    ),
    "training_unsent_by_all": (
        "尚无县区报送{periods}的培训数据，各项数字只计已报的月份。",
        "No county has sent training data for {periods} yet: the figures are of the other months.",
    ),
    "training_absent_line": (
        "{n} 个县区培训数据未报齐：{counties}。本区间的各项数字不含上述县区（同比亦然），以免未报部分读作未参训。",
        "Training data are incomplete in {n} {n:county|counties}: {counties}. The window's figures leave "
        "{n:it|them} out (and so does any comparison), so that what has not been sent does not read as untrained.",
    ),
    "training_absent_own": (
        "本县区培训数据未报齐：{counties}。本区间本县区的覆盖率和学时因此不予计算，以免未报部分读作未参训，报齐后即显示；"
        "全市的培训数字也不含本县区（同比亦然）。",
        "This county's training data are incomplete: {counties}. Its coverage and hours for the window are "
        "therefore not computed, so that what is not in does not read as untrained, and show once it has sent "
        "them; the prefecture's training figures leave it out too (and so does any comparison).",
    ),
    "bulletin_training_absent_county": ("{county}（{periods}未报）", "{county} ({periods} not sent)"),
    "bulletin_third_run": (
        "{county}连续{n}期（自{first}起）",
        "{county}, {n} {n:period|periods} running (since {first})",
    ),
    "bulletin_third_running": (
        "连续处于第三方阵的县区{n}个：{runs}。",
        "In the third tier several race periods running, {n} {n:county|counties}: {runs}.",
    ),
    "bulletin_county_third_running": ("{run}处于第三方阵。", "{run}: in the third tier."),
    "bulletin_bad_document_no": (
        "文号“{value}”无效：应为一行、不超过 50 个字符。",
        "The document number “{value}” is not valid: one line of at most 50 characters.",
    ),
    "bulletin_button_help": (
        "通报按正式口径排名（已发布的用发布结果，否则为 z 分数、指标目录权重、三等分方阵的试算），"
        "不随本页所选的方法、权重、方阵比例或对比期变化。",
        "The bulletin ranks officially (the published result, else a trial with z-scores, the catalog's weights and "
        "tiers of a third each), whatever method, weights, tiers or compare period this page shows.",
    ),
    "cli_bulletin_not_docx": (
        "通报是 Word 文档：--out 应以 .docx 结尾（收到 {path}）。",
        "The 通报 is a Word document: --out must end in .docx (got {path}).",
    ),
    "bulletin_issuer_default": ("（发文机关）", "(issuing body)"),
    "bulletin_document_no_default": ("（文号）", "(document number)"),
    "bulletin_classification_default": ("内部资料 注意保存", "Internal: keep safe"),
    # --- fixed labels the data refer to by their Chinese names (incentive/labels.py)
    "track_projects": ("项目建设", "Project construction"),
    "track_rural": ("乡村振兴", "Rural revitalization"),
    "track_business": ("为企服务", "Business services"),
    "track_governance": ("基层治理", "Grassroots governance"),
    "domain_race": ("赛马", "Race"),
    "domain_welfare": ("关爱", "Care"),
    "mode_online": ("线上", "Online"),
    "mode_offline": ("线下", "Offline"),
    "organized_collective": ("集体", "Collective"),
    "organized_individual": ("个人", "Individual"),
    # Units of measure the importer knows (units.CELL_UNITS): English gives "singular|plural"; "" = no word.
    "unit_yuan": ("元", "yuan|yuan"),
    "unit_thousand_yuan": ("千元", "thousand yuan|thousand yuan"),
    "unit_ten_thousand_yuan": ("万元", "ten thousand yuan|ten thousand yuan"),
    "unit_million_yuan": ("百万元", "million yuan|million yuan"),
    "unit_ten_million_yuan": ("千万元", "ten million yuan|ten million yuan"),
    "unit_hundred_million_yuan": ("亿元", "hundred million yuan|hundred million yuan"),
    "unit_thousand": ("千", "thousand (千)|thousand (千)"),
    "unit_ten_thousand": ("万", "ten thousand (万)|ten thousand (万)"),
    "unit_million": ("百万", "million (百万)|million (百万)"),
    "unit_ten_million": ("千万", "ten million (千万)|ten million (千万)"),
    "unit_hundred_million": ("亿", "hundred million (亿)|hundred million (亿)"),
    "unit_study_hour": ("学时", "hour|hours"),
    "unit_class_hour": ("课时", "class hour|class hours"),
    "unit_hour": ("小时", "hour|hours"),
    "unit_person_time": ("人次", "person-time|person-times"),
    "unit_ten_thousand_people": ("万人", "ten thousand people|ten thousand people"),
    "unit_day": ("天", "day|days"),
    "unit_day_ri": ("日", "day|days"),
    "unit_piece": ("个", "|"),
    "unit_item": ("件", "case|cases"),
    "unit_incident": ("起", "incident|incidents"),
    "unit_point": ("分", "point|points"),
    "unit_person": ("人", "person|people"),
    "unit_time": ("次", "time|times"),
    "unit_task": ("项", "item|items"),
    "unit_household": ("户", "household|households"),
    "unit_organization": ("家", "organization|organizations"),
    "unit_person_ming": ("名", "person|people"),
    "unit_session": ("场", "session|sessions"),
    "unit_article": ("篇", "article|articles"),
    "unit_institution": ("所", "institution|institutions"),
    "unit_facility": ("座", "facility|facilities"),
    "unit_batch": ("批", "batch|batches"),
    "unit_mu": ("亩", "mu|mu"),
    "unit_hectare": ("公顷", "hectare|hectares"),
    "unit_kilometre": ("公里", "km|km"),
    "unit_tonne": ("吨", "tonne|tonnes"),
    "unit_percent": ("%", "%|%"),
    "unit_permille": ("‰", "‰|‰"),
    # Column headers of stored rows in English (file_kinds.labelled; Chinese uses each column's first alias)
    "field_county": ("县区", "County"),
    "field_township": ("乡镇", "Township"),
    "field_county_code": ("区划代码", "County code"),
    "field_peer_class": ("考核类别", "Peer class"),
    "field_code": ("代码", "Code"),
    "field_name": ("名称", "Name"),
    "field_domain": ("类别", "Domain"),
    "field_track": ("赛道", "Track"),
    "field_unit": ("单位", "Unit"),
    "field_direction": ("方向", "Direction"),
    "field_weight": ("权重", "Weight"),
    "field_target": ("目标值", "Target"),
    "field_min": ("合理下限", "Plausible minimum"),
    "field_max": ("合理上限", "Plausible maximum"),
    "field_effective_from": ("生效起始期", "Effective from"),
    "field_period": ("考核期", "Period"),
    "field_indicator": ("指标", "Indicator"),
    "field_value": ("数值", "Value"),
    "field_cadre_id": ("干部编号", "Cadre ID"),
    "field_rank": ("职级", "Rank level"),
    "field_gender": ("性别", "Gender"),
    "field_birth_year": ("出生年份", "Birth year"),
    "field_as_of": ("统计日期", "As of"),
    "field_ethnicity": ("民族", "Ethnicity"),
    "field_party": ("政治面貌", "Political affiliation"),
    "field_education": ("学历", "Education"),
    "field_course": ("培训项目", "Course"),
    "field_category": ("培训类别", "Category"),
    "field_mode": ("培训方式", "Mode"),
    "field_organized": ("组织形式", "Organized as"),
    "field_hours": ("学时", "Hours"),
    "field_date": ("日期", "Date"),
    "field_action": ("调整类型", "Decision"),
    "field_year": ("年度", "Year"),
    "field_grade": ("考核等次", "Grade"),
    "field_reason": ("事由", "Reason"),
    # --- the audit log as people read it (codes in the database, words on the page)
    "audit_action_open_cadre": ("查看干部画像", "Cadre profile opened"),
    "audit_action_sign_in": ("登录", "Sign-in"),
    "audit_action_sign_out": ("退出登录", "Sign-out"),
    "audit_action_view_sign_in": ("访问口令验证", "Viewing password"),
    "audit_action_import": ("导入", "Import"),
    "audit_action_rollback": ("撤销批次", "Rollback"),
    "audit_action_remove_sample": ("移除示例数据", "Sample data removed"),
    "audit_action_rollback_source": ("按来源撤销", "Rollback by source"),
    "audit_action_load_sample": ("载入示例数据", "Sample data loaded"),
    "audit_action_backup": ("备份", "Backup"),
    "audit_action_restore": ("恢复", "Restore"),
    "audit_action_setting": ("修改设置", "Setting changed"),
    "who_viewer": ("访客", "viewer"),
    "who_sample": ("示例数据", "sample data"),
    "who_cli": ("命令行（{user}）", "command line ({user})"),
    "audit_outcome_ok": ("成功", "Done"),
    "audit_outcome_failed": ("失败", "Failed"),
    "audit_outcome_locked": ("已锁定", "Locked out"),
    "audit_outcome_refused": ("拒收", "Refused"),
    "audit_target_batch": ("批次 #{batch}（{kind}）", "Batch #{batch} ({kind})"),
    "audit_target_batch_only": ("批次 #{batch}", "Batch #{batch}"),
    "audit_detail_problems": ("{n} 个问题", "{n} {n:problem|problems}"),
    "audit_detail_kept": ("原文件保留为 {name}", "previous file kept as {name}"),
    "audit_action_publish": ("审定发布", "Publication"),
    "audit_action_publish_override": ("有待审核报送时发布", "Published with submissions pending"),
    "audit_detail_publish_pending": ("有报送待审核", "submissions awaiting review"),
    "audit_detail_publish_needs_reason": ("再次发布未填更正原因", "published again without a reason"),
    "audit_detail_publish_nothing": ("无可发布的数据", "nothing to publish"),
    # --- official publication (审定发布, docs/decisions.md#publication)
    "pub_label": ("正式发布（{date}，第 {version} 版）", "Officially published ({date}, version {version})"),
    "pub_label_numbered": (
        "正式发布（{date}，第 {version} 版，{number}）",
        "Officially published ({date}, version {version}, {number})",
    ),
    "pub_live": ("实时数据（试算）", "Live data (trial)"),
    "pub_unpublished": (
        "{period} 尚未正式发布，以下为实时数据（试算）。",
        "{period} is not published: live data (trial).",
    ),
    "pub_document_no_long": (
        "文号最多 {limit} 个字。",
        "A document number has at most {limit} {limit:character|characters}.",
    ),
    "pub_pending": (
        "{period} 尚有 {n} 份报送待审核，暂不能发布。请先审核，或填写理由后强制发布。",
        "{period} has {n} {n:submission|submissions} awaiting review and cannot be published yet. Review "
        "{n:it|them} first, or give a reason to publish anyway.",
    ),
    "pub_needs_reason": (
        "{period} 已正式发布；再次发布将生成新版本，请填写更正原因。",
        "{period} is already published; publishing it again makes a new version, so give the reason for the "
        "correction.",
    ),
    "pub_nothing": (
        "{period} 没有赛马得分或关心关爱数据，无可发布。",
        "{period} has no race scores or care figures to publish.",
    ),
    "pub_data_moving": (
        "发布 {period} 时数据一直在变动，请稍后重试。",
        "The data kept changing while {period} was being published; try again.",
    ),
    "pub_view": ("显示", "Show"),
    "pub_view_official": ("正式发布结果", "Published results"),
    "pub_view_live": ("实时试算", "Live trial"),
    "pub_live_note": (
        "实时数据（试算）：{period} 已正式发布，此处按当前数据计算，不是正式结果。",
        "Live data (trial): {period} is published; these figures come from current data and are not the official "
        "results.",
    ),
    "pub_trial_settings": (
        "自定义方法、权重或方阵比例均为试算；默认设置显示正式发布结果。",
        "Custom methods, weights and tiers are always a trial; the default settings show the published results.",
    ),
    "pub_history": ("发布版本记录（{n} 版）", "Versions published ({n})"),
    "pub_col_version": ("版本", "Version"),
    "pub_col_published_at": ("发布时间", "Published"),
    "pub_col_by": ("发布人", "By"),
    "pub_col_number": ("文号", "Document no."),
    "pub_col_note": ("备注", "Note"),
    "pub_col_reason": ("更正原因", "Reason"),
    "pub_col_override": ("待审核报送时发布的理由", "Reason to publish with submissions pending"),
    "pub_col_rank_changes": ("名次变化", "Rank changes"),
    "pub_col_status_changes": ("数值或状态变化", "Value or status changes"),
    "pub_unit_in_peer": ("{unit}（{peer}）", "{unit} ({peer})"),
    "pub_first_version": ("首次发布", "first publication"),
    "pub_no_changes": ("无", "none"),
    "pub_panel": ("审定发布（管理员）", "Publish officially (administrator)"),
    "pub_document_no": ("文号（可选）", "Document number (optional)"),
    "pub_note": ("备注（可选）", "Note (optional)"),
    "pub_reason": ("更正原因（再次发布时必填）", "Reason for the correction (required to publish again)"),
    "pub_override": ("强制发布理由（有待审核报送时必填）", "Reason to publish with submissions pending"),
    "pub_pending_count": (
        "{period} 有 {n} 份报送待审核。",
        "{period} has {n} {n:submission|submissions} awaiting review.",
    ),
    "pub_button": ("发布 {period}", "Publish {period}"),
    "pub_working": ("正在发布 {period}…", "Publishing {period}…"),
    "pub_done": ("已发布 {period} 第 {version} 版。", "Published {period}, version {version}."),
    "cli_not_published": (
        "{period} 尚未正式发布；去掉 --published 可导出实时数据（试算）。",
        "{period} is not published; leave out --published to export live data (a trial).",
    ),
    "cli_published_options": (
        "--published 导出正式发布结果，不能与 --method、--weights、--tiers 同用（自定义设置均为试算）。",
        "--published exports the published results and cannot be combined with --method, --weights or --tiers "
        "(custom settings are always a trial).",
    ),
    "cli_basis": ("导出内容：{basis}", "Exported: {basis}"),
    # --- publication safety: data changed after publication, incomplete periods, rollbacks reviewed (issue 18 review)
    "pub_drift": (
        "发布后数据有变动：按现有数据，{clauses}；如需更新请重新发布。",
        "The data changed after publication: on current data, {clauses}; publish again to update.",
    ),
    "pub_drift_ranks_county": (
        "{n} 个县区的名次或方阵会变化（{units}）",
        "{n} {n:county|counties} would change rank or tier ({units})",
    ),
    "pub_drift_ranks_township": (
        "{n} 个乡镇的名次或方阵会变化（{units}）",
        "{n} {n:township|townships} would change rank or tier ({units})",
    ),
    "pub_drift_ranks_same": ("名次和方阵不变", "no rank or tier would change"),
    "pub_drift_statuses": (
        "{n} 个县区的关爱达标状态会变化（{units}）",
        "the care statuses of {n} {n:county|counties} would change ({units})",
    ),
    "pub_drift_statuses_same": ("关爱达标状态不变", "no care status would change"),
    "pub_drift_and": ("，", " and "),
    "pub_drift_more": ("等", " and others"),
    "pub_drift_tier": ("（{before}→{after}）", " ({before}→{after})"),
    "pub_drift_items": ("变化：{items}。", " Changes: {items}."),
    "pub_drift_switch": ("可切换到「实时试算」查看。", " Switch to “Live trial” to see them."),
    "pub_incomplete": (
        "{period} 有 {n} 个县区数据未报齐：{counties}。按未报齐的数据发布，须先明确确认。",
        "The data of {period} are not all in for {n} {n:county|counties}: {counties}. Publishing them as they are "
        "needs your explicit confirmation.",
    ),
    "pub_shortfall_kind": ("{kind}：{counties}", "{kind}: {counties}"),
    "pub_shortfall_separator": ("；", "; "),
    "pub_incomplete_form": (
        "{period} 有 {n} 个县区数据未报齐：{counties}。发布将按现有数据冻结名次和达标状态，之后补报的数据不改变已发布结果。",
        "The data of {period} are not all in for {n} {n:county|counties}: {counties}. Publishing freezes the ranks "
        "and statuses of the data there are; data sent later do not change what is published.",
    ),
    "pub_incomplete_confirm": (
        "确认按未报齐的数据发布（{counties}）",
        "Publish with the data not all in ({counties})",
    ),
    "pub_incomplete_mark": (
        "发布时 {n} 个县区数据未报齐，经确认发布：{counties}。",
        "When published, the data of {n} {n:county were|counties were} not all in, and publishing was confirmed: "
        "{counties}.",
    ),
    "pub_col_incomplete": ("发布时未报齐", "Not all in when published"),
    "pub_incomplete_not_recorded": ("未记录", "not recorded"),
    "cli_publish_allow_incomplete": (
        "确认按未报齐的数据发布，请加 --allow-incomplete。",
        "To publish them as they are, add --allow-incomplete.",
    ),
    "cli_published_incomplete": (
        "发布时数据未报齐（已确认）：{counties}",
        "Published with data not all in (confirmed): {counties}",
    ),
    "audit_action_publish_incomplete": ("数据未报齐时发布", "Published with data not all in"),
    "audit_detail_publish_incomplete": ("数据未报齐，未确认", "data not all in, not confirmed"),
    "pub_rollbacks_pending": (
        "{period} 的数据另有 {n} 份撤销申请待审核：请先审核，或填写强制发布理由。",
        "{n} {n:request|requests} to roll back data of {period} {n:awaits|await} review: review {n:it|them} first, "
        "or give a reason to publish anyway.",
    ),
    "pub_rollbacks_pending_count": (
        "{period} 的数据有 {n} 份撤销申请待审核。",
        "{n} {n:request|requests} to roll back data of {period} {n:awaits|await} review.",
    ),
    "audit_detail_publish_rollbacks_pending": ("有撤销申请待审核", "rollback requests awaiting review"),
    "rollback_needs_review": (
        "批次 #{batch} 是经市级审核后导入的数据，撤销也须经市级审核：请在「报送数据」页提交撤销申请。",
        "Batch #{batch} went live after the prefecture's review, so rolling it back is reviewed too: send a rollback "
        "request on the Submit data page.",
    ),
    "rollback_request_not_clerk": (
        "只有县区填报员可以申请撤销本县区的数据。",
        "Only a county clerk can ask for his county's data to be rolled back.",
    ),
    "rollback_request_reason_required": (
        "请填写申请撤销的原因，供市级审核。",
        "Give the reason for the rollback, for the prefecture's review.",
    ),
    "rollback_request_no_batch": ("没有有效的批次 #{batch}。", "There is no active batch #{batch}."),
    "rollback_request_duplicate": (
        "批次 #{batch} 已有撤销申请 #{id} 待审核。",
        "Rollback request #{id} for batch #{batch} already awaits review.",
    ),
    "rollback_request_batch_gone": (
        "批次 #{batch} 已不是有效批次（已被撤销），无需再撤销：请退回此申请并说明。",
        "Batch #{batch} is no longer active (it was rolled back already): return this request with a note.",
    ),
    "rollback_request_not_yours": (
        "只能撤回自己提交的撤销申请。",
        "You can withdraw only your own rollback requests.",
    ),
    "rollback_request_not_pending": (
        "该撤销申请{state}，不能再处理。",
        "This rollback request is {state} and can no longer be changed.",
    ),
    "rollback_request_unknown": ("没有编号为 {id} 的撤销申请。", "There is no rollback request {id}."),
    "rollback_state_pending": ("待审核", "pending"),
    "rollback_state_accepted": ("已同意撤销", "accepted"),
    "rollback_state_returned": ("已退回", "returned"),
    "rollback_state_withdrawn": ("已撤回", "withdrawn"),
    "submit_rollback_intro": (
        "撤销已生效的批次须经市级审核：选择批次、说明原因后提交撤销申请；市级管理员同意后才撤销。",
        "Rolling back a batch in force is reviewed by the prefecture: choose the batch, give the reason and send a "
        "rollback request; the batch is rolled back once the prefecture administrator agrees.",
    ),
    "submit_rollback_pick": ("申请撤销的批次", "Batch to roll back"),
    "submit_rollback_reason": ("撤销原因（市级管理员可见）", "Reason (for the prefecture administrator)"),
    "submit_rollback_request": ("提交撤销申请", "Send rollback request"),
    "submit_rollback_requested": (
        "已提交撤销批次 #{batch} 的申请（#{id}），等待市级审核。",
        "Asked for batch #{batch} to be rolled back (request #{id}); it awaits the prefecture's review.",
    ),
    "submit_rollback_waiting": (
        "已申请撤销、等待审核的批次：{batches}。",
        "Batches with a rollback request awaiting review: {batches}.",
    ),
    "submit_rollback_waiting_item": ("#{batch}（申请 #{id}）", "#{batch} (request #{id})"),
    "submit_rollback_requests": ("本县区的撤销申请", "Your county's rollback requests"),
    "submit_rollback_returned": (
        "撤销批次 #{batch} 的申请 #{id} 已退回，说明：{note}",
        "Rollback request #{id} (batch #{batch}) was returned with this note: {note}",
    ),
    "submit_rollback_pick_withdraw": ("选择要撤回的撤销申请", "Rollback request to withdraw"),
    "submit_rollback_withdraw": ("撤回申请", "Withdraw request"),
    "submit_rollback_withdrawn": ("已撤回撤销申请 #{id}。", "Withdrew rollback request #{id}."),
    "col_rollback_request": ("撤销申请", "Rollback request"),
    "col_reason": ("原因", "Reason"),
    "col_requested_by": ("申请人", "Requested by"),
    "col_requested_at": ("申请时间", "Requested at"),
    "review_rollbacks": ("撤销申请", "Rollback requests"),
    "review_rollbacks_none": ("没有待审核的撤销申请。", "No rollback request is waiting for review."),
    "review_rollback_pick": ("打开撤销申请", "Open a rollback request"),
    "review_rollback_opened": (
        "撤销申请 #{id}：{county}，{who}，{at} 提交。申请撤销批次 #{batch}（{kind}，{file}，{rows} 行，{accepted_at} 由 "
        "{accepted_by} 审核导入）。",
        "Rollback request #{id}: {county}, {who}, sent {at}. It asks to roll back batch #{batch} ({kind}, {file}, "
        "{rows} {rows:row|rows}, accepted by {accepted_by} on {accepted_at}).",
    ),
    "review_rollback_reason": ("申请原因：{reason}", "Reason given: {reason}"),
    "review_rollback_effect": (
        "同意后立即撤销该批次：它替换的数据恢复为当前数据，排名、达标状态和报送进度随之变化；已正式发布的结果不变。",
        "Accepting rolls the batch back at once: the data it replaced are current again, and rankings, statuses and "
        "the submission tracker follow; published results do not change.",
    ),
    "review_rollback_accept": ("同意撤销", "Accept and roll back"),
    "review_rollback_accepted": (
        "已同意撤销申请 #{id}，批次 #{batch} 已撤销。",
        "Accepted rollback request #{id}; batch #{batch} is rolled back.",
    ),
    "review_rollback_note": ("退回说明（县区填报员可见）", "Note for the clerk (required to return)"),
    "review_rollback_return": ("退回申请", "Return request"),
    "review_rollback_returned": ("已退回撤销申请 #{id}。", "Returned rollback request #{id}."),
    "audit_action_rollback_request": ("申请撤销批次", "Rollback requested"),
    "audit_action_rollback_accept": ("同意撤销申请", "Rollback request accepted"),
    "audit_action_rollback_return": ("退回撤销申请", "Rollback request returned"),
    "audit_action_rollback_withdraw": ("撤回撤销申请", "Rollback request withdrawn"),
    "audit_target_rollback_request": ("撤销申请 #{id}", "Rollback request #{id}"),
    "audit_detail_rollback_request": ("批次 #{batch}：{reason}", "batch #{batch}: {reason}"),
    "audit_detail_rollback_asked": (
        "撤销申请 #{id}，申请人：{who}",
        "rollback request #{id}, asked by {who}",
    ),
    # --- downloads, the upload box, the users page and the preview (polish after review)
    "indicator_named": ("{name}（{code}）", "{name} ({code})"),
    "uploader_limits": (
        "单个文件不超过 {mb} MB，已选文件合计不超过 {total} MB。",
        "Up to {mb} MB per file, {total} MB for all the files chosen at once.",
    ),
    "uploader_refused_limits": (
        "未能上传此文件：单个文件不超过 {mb} MB，已选文件合计不超过 {total} MB。",
        "Could not upload this file: up to {mb} MB per file, {total} MB for all the files chosen at once.",
    ),
    # --- page fixes: downloads say published or live, missing cells, rank moves, settings, submissions
    "basis_col_basis": ("数据依据", "Basis"),
    "basis_col_published_version": ("发布版本", "Published version"),
    "basis_col_published_at": ("发布时间", "Published at"),
    "basis_col_document_no": ("文号", "Document no."),
    "basis_published": ("正式发布", "published"),
    "basis_live": ("实时数据（试算）", "live data (trial)"),
    "rank_change_same": ("持平", "same"),
    "cycle_schedule_change_admin": ("可在「数据管理」的设置中修改。", "Change it under Settings on the Data page."),
    "cycle_schedule_change_county": (
        "报送时限由市级管理员设定；如需调整，请联系市级管理员。",
        "The prefecture administrator sets these deadlines; ask them if one should change.",
    ),
    "setting_kept_text": ("未保存，仍为「{current}」。", " Not saved: it stays “{current}”."),
    "submit_returned_history": ("已更正的退回（{n} 份）", "Returns since corrected ({n})"),
    "submit_returned_answered": (
        "报送 #{id}「{file}」曾被退回（说明：{note}），其后的报送 #{by} 已审核通过。",
        "Submission #{id} ({file}) was returned (note: {note}); submission #{by}, sent after it, was accepted.",
    ),
    "ref_batch": ("批次 #{id}", "batch #{id}"),
    "ref_submission": ("报送 #{id}", "submission #{id}"),
    "ref_batches": ("批次 {ids}", "batches {ids}"),
    "ref_submissions": ("报送 {ids}", "submissions {ids}"),
    # --- numbers and Streamlit's own widgets
    "delta_pp": ("{delta:+.1f} 个百分点", "{delta:+.1f} pp"),
    "delta_against_window": ("较 {window}", "vs {window}"),
    "units_county": ("县区", "counties"),
    "units_township": ("乡镇", "townships"),
    "word_county": ("县区", "county"),
    "word_township": ("乡镇", "township"),
    "scope_all_counties": ("全市", "all counties"),
    "actions_promotion": ("提拔", "Promotions"),
    "actions_rank_promotion": ("晋升职级", "Rank promotions"),
    "actions_lateral": ("平职调整", "Lateral moves"),
    "actions_transfer": ("转任", "Transfers"),
    "actions_demotion": ("降职", "Demotions"),
    "actions_dismissal": ("免职", "Dismissals"),
    "actions_accountability": ("问责", "Accountability cases"),
    "actions_fault_tolerance": ("容错免责", "Fault-tolerance cases"),
    "uploader_button": ("选择文件", "Browse files"),
    "uploader_add": ("添加文件", "Add files"),
    "uploader_drop": ("将文件拖放到此处", "Drop the files here"),
    "input_enter": ("按回车键确认", "Press Enter to apply"),
    "page_not_found": ("页面不存在", "Page not found"),
    "page_not_found_text": (
        "没有「/{path}」这个页面。请从左侧栏选择页面，或回到概览。",
        "There is no page “/{path}”. Choose a page in the sidebar, or go back to the overview.",
    ),
    "page_admin_only": (
        "「{page}」页仅限管理员（市级管理员）：请在左侧栏「登录」以市级管理员账号登录，本页即显示。",
        "The “{page}” page is for administrators (prefecture administrators): sign in from the sidebar (Sign in) "
        "with a prefecture administrator's account and it opens here.",
    ),
    "back_to_overview": ("回到概览", "Back to the overview"),
}


class TranslatedError(Exception):
    """An error whose sentence lives in the table above: `key` names it, `params` fill it in."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return t(self.key, lang, **localize(self.params, lang))


# Every unit units.CELL_UNITS knows, with its i18n key (English "singular|plural").
UNIT_KEYS = {
    "元": "unit_yuan",
    "千元": "unit_thousand_yuan",
    "万元": "unit_ten_thousand_yuan",
    "百万元": "unit_million_yuan",
    "千万元": "unit_ten_million_yuan",
    "亿元": "unit_hundred_million_yuan",
    "千万": "unit_ten_million",
    "百万": "unit_million",
    "亿": "unit_hundred_million",
    "万": "unit_ten_thousand",
    "千": "unit_thousand",
    "学时": "unit_study_hour",
    "课时": "unit_class_hour",
    "小时": "unit_hour",
    "人次": "unit_person_time",
    "万人": "unit_ten_thousand_people",
    "天": "unit_day",
    "日": "unit_day_ri",
    "个": "unit_piece",
    "件": "unit_item",
    "起": "unit_incident",
    "分": "unit_point",
    "人": "unit_person",
    "次": "unit_time",
    "项": "unit_task",
    "户": "unit_household",
    "家": "unit_organization",
    "名": "unit_person_ming",
    "场": "unit_session",
    "篇": "unit_article",
    "所": "unit_institution",
    "座": "unit_facility",
    "批": "unit_batch",
    "亩": "unit_mu",
    "公顷": "unit_hectare",
    "公里": "unit_kilometre",
    "吨": "unit_tonne",
    "%": "unit_percent",
    "‰": "unit_permille",
}


def unit_label(unit: str | None, lang: str, count: float | None = None) -> str:
    """A unit of measure as a word in the user's language (English agrees with `count`; plural without one);
    a unit the importer does not know, as written."""
    unit = (unit or "").strip()
    key = UNIT_KEYS.get(unit)
    if key is None:
        return unit
    text = t(key, lang)
    if lang != "en":
        return text
    return plural(count, *text.split("|", 1))  # no count: is_one(None) is False, so the plural


def localize(params: dict, lang: str) -> dict:
    """Parameters as the sentence shows them: ("i18n", key) becomes that key's text, ("unit", 万元) the unit's
    name in the language (unit_label), ("by_lang", {"zh": …, "en": …}) the text of the language, a list its items
    joined."""
    out = {}
    for name, value in params.items():
        if isinstance(value, tuple) and len(value) == 2 and value[0] == "i18n":
            out[name] = t(value[1], lang)
        elif isinstance(value, tuple) and len(value) == 2 and value[0] == "unit":
            out[name] = unit_label(value[1], lang)
        elif isinstance(value, tuple) and len(value) == 2 and value[0] == "by_lang":  # data shown per language
            out[name] = value[1][lang]
        elif isinstance(value, list):
            out[name] = join([str(item) for item in value], lang)
        else:
            out[name] = value
    return out


class _Formatter(string.Formatter):
    """str.format, and `{n:singular|plural}` for a word that agrees with the count n."""

    def format_field(self, value: object, format_spec: str) -> str:
        if "|" in format_spec:
            singular, plural_form = format_spec.split("|", 1)
            return singular if is_one(value) else plural_form
        return super().format_field(value, format_spec)


_FORMATTER = _Formatter()


def is_one(count: object) -> bool:
    """Whether an English noun after this count is singular: exactly one (1, 1.0, "1"); a list counts its items."""
    if isinstance(count, (list, tuple, set)):
        return len(count) == 1
    try:
        return float(str(count).replace(",", "")) == 1
    except ValueError:
        return False


def plural(count: object, singular: str, plural_form: str) -> str:
    """The word for this many: plural(1, "county", "counties") -> "county"."""
    return singular if is_one(count) else plural_form


def counted(count: object, singular: str, plural_form: str) -> str:
    """The count and its word: counted(2, "county", "counties") -> "2 counties"."""
    return f"{count} {plural(count, singular, plural_form)}"


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params: object) -> str:
    zh, en = TEXT[key]
    text = en if lang == "en" else zh
    return _FORMATTER.format(text, **params) if params else text


def capital(text: str) -> str:
    """A label that stands alone (a table cell, a button, an option): "race scores" -> "Race scores". Chinese is
    unchanged; the same words inside a sentence stay lower case."""
    return text[:1].upper() + text[1:]


def join(items: list[str], lang: str) -> str:
    return (", " if lang == "en" else "、").join(items)
