"""One small document per table layout met on other governments' 政府信息公开 pages, with
its expected reading. The page each shape comes from is named above it; the rows are short
stand-ins in that page's shape and punctuation (full-width, as the page types it), not
copies of its text. README.md next to this file lists them."""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.ingest.layouts.build import LEFT, UP, Grid, Layout


@dataclass
class Case:
    government: str
    url: str
    layout: Layout
    tasks: list[dict]  # per task, the fields that are not empty (see test_layouts.reading)
    sections: list[str]  # headings in order
    meta: dict[str, str] = field(default_factory=dict)
    columns: dict[str, str] | None = None
    warnings: list[str] = field(default_factory=list)  # each must appear in a warning


CASES: list[Case] = []

# 岳阳市岳阳楼区 (湖南): 1-8月省重点民生实事完成情况表, one head row whose heads carry the
# period; the 项目名称 names the project, the target is its own column.
# http://monopolymediamarketing.com/21487/21498/21517/content_904163.html
CASES.append(
    Case(
        "岳阳楼区",
        "http://monopolymediamarketing.com/21487/21498/21517/content_904163.html",
        Layout(
            "yueyanglou-minsheng",
            "html",
            [
                Grid(
                    "",
                    [
                        [
                            "序号",
                            "省重点民生实事项目名称",
                            "责任单位",
                            "目标任务",
                            "1-8月实际完成情况",
                            "1-8月实际完成率%",
                            "备注",
                        ],
                        [
                            "1",
                            "精准扶贫：农村饮用水安全巩固提升",
                            "农林水务局",
                            "1300人",
                            "700",
                            "54%",
                            "已解决700人饮水问题。",
                        ],
                        ["2", "新增城镇就业", "人社局", "8950人", "7356", "82%", ""],
                        [
                            "3",
                            "建设农村公办幼儿园（所）",
                            "教育局",
                            "2所",
                            "",
                            "70%",
                            "主体工程已完成。",
                        ],
                    ],
                )
            ],
            title="岳阳楼区2017年1-8月省重点民生实事完成情况表",
        ),
        tasks=[
            dict(
                seq=1,
                content="精准扶贫：农村饮用水安全巩固提升\n1300人",
                lead=["农林水务局"],
                progress="700",
                rate="54%",
                remarks="已解决700人饮水问题。",
            ),
            dict(
                seq=2, content="新增城镇就业\n8950人", lead=["人社局"], progress="7356", rate="82%"
            ),
            dict(
                seq=3,
                content="建设农村公办幼儿园（所）\n2所",
                lead=["教育局"],
                rate="70%",
                remarks="主体工程已完成。",
            ),
        ],
        sections=[""],
        columns={
            "序号": "seq",
            "省重点民生实事项目名称": "content",
            "责任单位": "units",
            "目标任务": "content",
            "1-8月实际完成情况": "progress",
            "1-8月实际完成率%": "completion_rate",
            "备注": "remarks",
        },
    )
)

# 巴中市 (四川): 十件民生实事1—9月进度公示; here with the period as a parent head over
# 实际完成情况 / 实际完成率% (two head rows, one head), 责任单位 naming a collective.
# https://sthjj.cnbz.gov.cn/ztzl/msgc/14460961.html
CASES.append(
    Case(
        "巴中市",
        "https://sthjj.cnbz.gov.cn/ztzl/msgc/14460961.html",
        Layout(
            "bazhong-minsheng",
            "xlsx",
            [
                Grid(
                    "",
                    [
                        [
                            "巴中市2017年市自选“十件民生实事”1—9月进度",
                            LEFT,
                            LEFT,
                            LEFT,
                            LEFT,
                            LEFT,
                            LEFT,
                        ],
                        ["序号", "项目名称", "目标任务", "责任单位", "1—9月", LEFT, "备注"],
                        [UP, UP, UP, UP, "实际完成情况", "实际完成率%", UP],
                        [
                            "1",
                            "城区公办幼儿园建设",
                            "新建公办幼儿园3所",
                            "市教育局，各县（区）政府",
                            "完成主体工程2所",
                            "66.7%",
                            "推进缓慢",
                        ],
                        [
                            "2",
                            "城区停车泊位建设",
                            "新增停车泊位2000个",
                            "市住建局；市公安局",
                            "新增1800个",
                            "90%",
                            "",
                        ],
                    ],
                )
            ],
            sheet_names=["民生实事"],
        ),
        tasks=[
            dict(
                seq=1,
                content="城区公办幼儿园建设\n新建公办幼儿园3所",
                lead=["市教育局"],
                coop=["各县（区）政府"],
                progress="完成主体工程2所",
                rate="66.7%",
                remarks="推进缓慢",
            ),
            dict(
                seq=2,
                content="城区停车泊位建设\n新增停车泊位2000个",
                lead=["市住建局"],
                coop=["市公安局"],
                progress="新增1800个",
                rate="90%",
            ),
        ],
        sections=[""],
        meta={"title": "巴中市2017年市自选“十件民生实事”1—9月进度"},
        columns={
            "序号": "seq",
            "项目名称": "content",
            "目标任务": "content",
            "责任单位": "units",
            "1—9月/实际完成情况": "progress",
            "1—9月/实际完成率%": "completion_rate",
            "备注": "remarks",
        },
    )
)

# 常州市钟楼区 (江苏): 重大民生实事项目目标任务责任分解表 (DOCX): 项目名称 over several
# 主要内容 rows, each with its own 区政府分管领导 / 牵头单位 / 配合单位; the head repeated
# on the next page. https://1wenmi.com/doc/507125.html
_ZL_HEAD = ["序号", "项目名称", "主要内容", "区政府分管领导", "牵头单位", "配合单位"]
CASES.append(
    Case(
        "钟楼区",
        "https://1wenmi.com/doc/507125.html",
        Layout(
            "zhonglou-minsheng",
            "docx",
            [
                Grid(
                    "2021年重大民生实事项目目标任务责任分解表",
                    [
                        _ZL_HEAD,
                        [
                            "1",
                            "增加教育资源供给",
                            "新建、改扩建学校12个，增加学位5000个。",
                            "何海平",
                            "教育局",
                            "经开区、高新园（邹区镇）、各街道",
                        ],
                        [
                            "2",
                            "老城厢复兴发展",
                            "完成纪念馆整体提升工程。",
                            "何海平",
                            "文体旅局",
                            "晋陵公司、轨道公司",
                        ],
                        [
                            UP,
                            UP,
                            "推进核心区改造和道路整治。",
                            "芮春祥",
                            "住建局",
                            "五星街道、南大街街道",
                        ],
                        _ZL_HEAD,
                        [
                            "3",
                            "优化养老服务",
                            "为23000名老年人提供居家上门服务。",
                            "张菁",
                            "民政局",
                            "各街道",
                        ],
                    ],
                )
            ],
        ),
        tasks=[
            dict(
                seq=1,
                content="增加教育资源供给\n新建、改扩建学校12个，增加学位5000个。",
                officials=["何海平"],
                lead=["教育局"],
                coop=["经开区", "高新园", "各街道"],
                aliases={"邹区镇": "高新园"},
            ),
            dict(
                seq=2,
                content="老城厢复兴发展\n完成纪念馆整体提升工程。\n推进核心区改造和道路整治。",
                officials=["何海平", "芮春祥"],
                lead=["文体旅局", "住建局"],
                coop=["晋陵公司", "轨道公司", "五星街道", "南大街街道"],
            ),
            dict(
                seq=3,
                content="优化养老服务\n为23000名老年人提供居家上门服务。",
                officials=["张菁"],
                lead=["民政局"],
                coop=["各街道"],
            ),
        ],
        sections=[""],
        meta={"title": "2021年重大民生实事项目目标任务责任分解表"},
    )
)

# 华容县 (湖南岳阳): 县政府重点工作任务; 县政府分线领导 / 主要责任单位 / 其他责任单位
# (1+1+N), metadata as "• 索引号：…" list items with 公开日期.
# https://huarong.gov.cn/33159/37006/37008/37025/37164/content_1801120.html
CASES.append(
    Case(
        "华容县",
        "https://huarong.gov.cn/33159/37006/37008/37025/37164/content_1801120.html",
        Layout(
            "huarong-keywork",
            "html",
            [
                Grid(
                    "",
                    [
                        [
                            "序号",
                            "重点工作任务",
                            "县政府分线领导",
                            "主要责任单位",
                            "其他责任单位",
                            "完成时限",
                        ],
                        ["（一）经济发展", LEFT, LEFT, LEFT, LEFT, LEFT],
                        [
                            "1",
                            "地区生产总值增长7.5%左右。",
                            "张某",
                            "县发改局",
                            "县统计局；县财政局",
                            "2021年12月底",
                        ],
                        [
                            "2",
                            "新引进亿元以上项目20个。",
                            "李某、王某",
                            "县商务局",
                            "各乡镇（街道）",
                            "2021年12月底",
                        ],
                        ["（二）民生保障", LEFT, LEFT, LEFT, LEFT, LEFT],
                        ["3", "城镇新增就业3000人。", "王某", "县人社局", "", "2021年12月底"],
                    ],
                )
            ],
            title="2021年县政府重点工作任务（华政发〔2021〕2号）",
            meta_html=(
                "<ul class='xxgk'><li>索引号：6735597301/2021-1801120</li>"
                "<li>发布机构：县人民政府办公室</li><li>公开范围：全部公开</li>"
                "<li>生成日期：2021-03-23</li><li>公开日期：2021-03-23</li>"
                "<li>公开方式：政府网站</li></ul>"
            ),
        ),
        tasks=[
            dict(
                seq=1,
                section="（一）经济发展",
                content="地区生产总值增长7.5%左右。",
                officials=["张某"],
                lead=["县发改局"],
                coop=["县统计局", "县财政局"],
                deadline="2021年12月底",
            ),
            dict(
                seq=2,
                section="（一）经济发展",
                content="新引进亿元以上项目20个。",
                officials=["李某", "王某"],
                lead=["县商务局"],
                coop=["各乡镇（街道）"],
                deadline="2021年12月底",
            ),
            dict(
                seq=3,
                section="（二）民生保障",
                content="城镇新增就业3000人。",
                officials=["王某"],
                lead=["县人社局"],
                deadline="2021年12月底",
            ),
        ],
        sections=["（一）经济发展", "（二）民生保障"],
        meta={
            "index_no": "6735597301/2021-1801120",
            "publisher": "县人民政府办公室",
            "disclosure_scope": "全部公开",
            "generated_on": "2021-03-23",
            "disclosed_on": "2021-03-23",
            "disclosure_method": "政府网站",
            "title": "2021年县政府重点工作任务（华政发〔2021〕2号）",
        },
        columns={
            "序号": "seq",
            "重点工作任务": "content",
            "县政府分线领导": "lead_officials",
            "主要责任单位": "lead_units",
            "其他责任单位": "cooperating_units",
            "完成时限": "deadline",
        },
    )
)

# 嘉鱼县 (湖北咸宁): 重点工作责任分解方案; the metadata table justifies its labels
# (文       号, 名       称) and has 有效性 / 发文日期 / 发文单位.
# http://jiayu.gov.cn/xxgk/zc/qtzdgkwj/202403/t20240318_3512224.shtml
CASES.append(
    Case(
        "嘉鱼县",
        "http://jiayu.gov.cn/xxgk/zc/qtzdgkwj/202403/t20240318_3512224.shtml",
        Layout(
            "jiayu-decomposition",
            "html",
            [
                Grid(
                    "",
                    [
                        ["序号", "工作任务", "牵头单位", "责任单位", "完成时限"],
                        ["1", "地区生产总值增长6.5%。", "县发改局", "县统计局，县经信局", "12月底"],
                        ["2", "建成5G基站100个。", "县经信局", "县住建局、各镇", "12月底"],
                    ],
                )
            ],
            title="2024年县《政府工作报告》确定的重点工作责任分解方案",
            meta_html=(
                "<table class='meta'>"
                "<tr><th>索引号 :</th><td>01105619X/2024-07672</td>"
                "<th>文       号 :</th><td>嘉政办发〔2024〕1号</td></tr>"
                "<tr><th>主题分类:</th><td>政务督查</td><th>发文单位:</th><td>嘉鱼县人民政府办公室</td></tr>"
                "<tr><th>名       称:</th><td>县人民政府办公室关于印发责任分解方案的通知</td>"
                "<th>发布日期:</th><td>2024年03月18日</td></tr>"
                "<tr><th>有效性:</th><td>有效</td><th>发文日期:</th><td>2024年02月22日</td></tr>"
                "</table>"
            ),
        ),
        tasks=[
            dict(
                seq=1,
                content="地区生产总值增长6.5%。",
                lead=["县发改局"],
                coop=["县统计局", "县经信局"],
                deadline="12月底",
            ),
            dict(
                seq=2,
                content="建成5G基站100个。",
                lead=["县经信局"],
                coop=["县住建局", "各镇"],
                deadline="12月底",
            ),
        ],
        sections=[""],
        meta={
            "index_no": "01105619X/2024-07672",
            "doc_no": "嘉政办发〔2024〕1号",
            "topic": "政务督查",
            "publisher": "嘉鱼县人民政府办公室",
            "published_on": "2024-03-18",
            "validity": "有效",
            "issued_on": "2024-02-22",
        },
    )
)

# 宣城市 (安徽): 1-11月份《政府工作报告》部分目标任务完成情况: metadata as label：value
# runs, 附件1 (indicators) and 附件2 (tasks), each numbered from 1.
# https://www.xuancheng.gov.cn/OpennessContent/show/2044556.html
CASES.append(
    Case(
        "宣城市",
        "https://www.xuancheng.gov.cn/OpennessContent/show/2044556.html",
        Layout(
            "xuancheng-attachments",
            "html",
            [
                Grid(
                    "附件1\n2020年1-11月份主要经济指标完成情况",
                    [
                        ["序号", "指标名称", "年度目标", "1-11月份完成情况", "责任单位"],
                        ["1", "固定资产投资增长10%", "10%", "增长3.2%", "市发改委"],
                        ["2", "财政收入增长5%", "5%", "增长1.1%", "市财政局，市税务局"],
                    ],
                ),
                Grid(
                    "附件2\n2020年1-11月份量化指标任务进展情况",
                    [
                        ["序号", "目标任务", "1-11月份进展情况", "牵头单位"],
                        ["1", "新建安置区5个。", "已建成3个。", "市住建局"],
                        ["2", "普惠性幼儿园覆盖率达80%。", "达到78%。", "市教体局"],
                    ],
                ),
            ],
            title="2020年1-11月份宣城市《政府工作报告》部分目标任务完成情况",
            meta_html=(
                "<div class='xxgk'>"
                "<p>索引号： 11341700003244967K/202012-00140 组配分类： 年度重点工作进展和完成情况</p>"
                "<p>发布机构： 宣城市人民政府（办公室） 主题分类： 综合政务 / 其他 / 通报</p>"
                "<p>名称： 2020年1-11月份宣城市《政府工作报告》部分目标任务完成情况 文号：</p>"
                "<p>发布日期： 2020-12-24</p></div>"
            ),
        ),
        tasks=[
            dict(
                seq=1,
                written="1",
                section="2020年1-11月份主要经济指标完成情况",
                content="固定资产投资增长10%",
                milestones={"年度目标": "10%"},
                progress="增长3.2%",
                lead=["市发改委"],
            ),
            dict(
                seq=2,
                written="2",
                section="2020年1-11月份主要经济指标完成情况",
                content="财政收入增长5%",
                milestones={"年度目标": "5%"},
                progress="增长1.1%",
                lead=["市财政局"],
                coop=["市税务局"],
            ),
            dict(
                seq=3,
                written="1",
                section="2020年1-11月份量化指标任务进展情况",
                content="新建安置区5个。",
                progress="已建成3个。",
                lead=["市住建局"],
            ),
            dict(
                seq=4,
                written="2",
                section="2020年1-11月份量化指标任务进展情况",
                content="普惠性幼儿园覆盖率达80%。",
                progress="达到78%。",
                lead=["市教体局"],
            ),
        ],
        sections=["2020年1-11月份主要经济指标完成情况", "2020年1-11月份量化指标任务进展情况"],
        meta={
            "index_no": "11341700003244967K/202012-00140",
            "grouping": "年度重点工作进展和完成情况",
            "publisher": "宣城市人民政府（办公室）",
            "topic": "综合政务 / 其他 / 通报",
            "published_on": "2020-12-24",
            "title": "2020年1-11月份宣城市《政府工作报告》部分目标任务完成情况",
        },
        warnings=["重新从 1 编号"],
    )
)

# 杭州市 (浙江): 政府工作报告重点工作责任分解 — one 责任单位 column, "列第一位的责任单位为
# 牵头单位"; 各区、县（市）政府 is one unit. https://z.hangzhou.com.cn/2020/hzrmzfgb/content/content_7745055.html
CASES.append(
    Case(
        "杭州市",
        "https://z.hangzhou.com.cn/2020/hzrmzfgb/content/content_7745055.html",
        Layout(
            "hangzhou-responsibility",
            "xlsx",
            [
                Grid(
                    "",
                    [
                        ["2020年政府工作报告重点工作责任分解", LEFT, LEFT],
                        ["序号", "重点工作", "责任单位"],
                        ["一、全力打好疫情防控和经济发展总体战", LEFT, LEFT],
                        ["1", "全市生产总值增长6%左右。", "市发改委、市统计局、各区、县（市）政府"],
                        ["2", "城镇新增就业20万人。", "市人力社保局，各区、县（市）政府"],
                    ],
                )
            ],
            sheet_names=["责任分解"],
        ),
        tasks=[
            dict(
                seq=1,
                section="一、全力打好疫情防控和经济发展总体战",
                content="全市生产总值增长6%左右。",
                lead=["市发改委"],
                coop=["市统计局", "各区、县（市）政府"],
            ),
            dict(
                seq=2,
                section="一、全力打好疫情防控和经济发展总体战",
                content="城镇新增就业20万人。",
                lead=["市人力社保局"],
                coop=["各区、县（市）政府"],
            ),
        ],
        sections=["一、全力打好疫情防控和经济发展总体战"],
        meta={"title": "2020年政府工作报告重点工作责任分解"},
    )
)

# 盘锦市大洼区 (辽宁): 《政府工作报告》任务分解表 (DOCX) with 牵头单位 / 责任（配合）单位 and
# 季度形象进度; sections （一）… in rows of their own.
# http://www.dawa.gov.cn/2021_02/01_16/content-307974.html
CASES.append(
    Case(
        "大洼区",
        "http://www.dawa.gov.cn/2021_02/01_16/content-307974.html",
        Layout(
            "dawa-decomposition",
            "docx",
            [
                Grid(
                    "《政府工作报告》任务分解表",
                    [
                        ["序号", "工作任务", "牵头单位", "责任（配合）单位", "季度形象进度", LEFT],
                        [UP, UP, UP, UP, "一季度", "二季度"],
                        ["（一）做强现代农业", LEFT, LEFT, LEFT, LEFT, LEFT],
                        [
                            "1",
                            "建设高标准农田5万亩。",
                            "区农业农村局（区乡村振兴局）",
                            "各镇（街道）",
                            "完成规划",
                            "开工建设",
                        ],
                        ["（二）建设宜居城区", LEFT, LEFT, LEFT, LEFT, LEFT],
                        [
                            "2",
                            "改造老旧小区10个。",
                            "区住建局",
                            "区财政局；各镇（街道）",
                            "启动3个",
                            "完成5个",
                        ],
                    ],
                )
            ],
            title="盘锦市大洼区人民政府办公室关于印发《政府工作报告》任务分解表的通知",
        ),
        tasks=[
            dict(
                seq=1,
                section="（一）做强现代农业",
                content="建设高标准农田5万亩。",
                lead=["区农业农村局"],
                aliases={"区乡村振兴局": "区农业农村局"},
                coop=["各镇（街道）"],
                milestones={"一季度": "完成规划", "二季度": "开工建设"},
            ),
            dict(
                seq=2,
                section="（二）建设宜居城区",
                content="改造老旧小区10个。",
                lead=["区住建局"],
                coop=["区财政局", "各镇（街道）"],
                milestones={"一季度": "启动3个", "二季度": "完成5个"},
            ),
        ],
        sections=["（一）做强现代农业", "（二）建设宜居城区"],
        columns={
            "序号": "seq",
            "工作任务": "content",
            "牵头单位": "lead_units",
            "责任（配合）单位": "cooperating_units",
            "季度形象进度/一季度": "milestone:一季度",
            "季度形象进度/二季度": "milestone:二季度",
        },
    )
)

# 鄂温克族自治旗 (内蒙古): 重点任务落实推进情况表: 落实推进情况 and 责任领导 columns, units
# separated by "，". https://www.ewenke.gov.cn/OpennessContent/show/273144.html
CASES.append(
    Case(
        "鄂温克族自治旗",
        "https://www.ewenke.gov.cn/OpennessContent/show/273144.html",
        Layout(
            "ewenke-progress",
            "xlsx",
            [
                Grid(
                    "",
                    [
                        [
                            "2022年《政府工作报告》重点任务落实推进情况表",
                            LEFT,
                            LEFT,
                            LEFT,
                            LEFT,
                            LEFT,
                        ],
                        ["序号", "重点任务", "责任领导", "牵头单位", "配合单位", "落实推进情况"],
                        [
                            "1",
                            "地区生产总值增长5%左右。",
                            "某某",
                            "旗发改委",
                            "旗统计局，旗财政局",
                            "一季度增长4.1%。",
                        ],
                        [
                            "2",
                            "完成造林2万亩。",
                            "某某",
                            "旗林草局",
                            "各苏木乡镇",
                            "已完成春季造林1.2万亩。\n秋季造林正在准备。",
                        ],
                    ],
                )
            ],
            sheet_names=["推进情况"],
        ),
        tasks=[
            dict(
                seq=1,
                content="地区生产总值增长5%左右。",
                officials=["某某"],
                lead=["旗发改委"],
                coop=["旗统计局", "旗财政局"],
                progress="一季度增长4.1%。",
            ),
            dict(
                seq=2,
                content="完成造林2万亩。",
                officials=["某某"],
                lead=["旗林草局"],
                coop=["各苏木乡镇"],
                progress="已完成春季造林1.2万亩。\n秋季造林正在准备。",
            ),
        ],
        sections=[""],
        meta={"title": "2022年《政府工作报告》重点任务落实推进情况表"},
    )
)

# 银川市兴庆区 (宁夏): 附件1 政府工作报告目标任务分解表 and 附件2 民生十件实事任务分解表,
# one sheet each, each numbered from 1; 责任领导 and 责任人 both name officials.
# http://www.xqq.gov.cn/zmhd/yjzjjgfk/201808/t20180819_980141.html
CASES.append(
    Case(
        "兴庆区",
        "http://www.xqq.gov.cn/zmhd/yjzjjgfk/201808/t20180819_980141.html",
        Layout(
            "xingqing-two-sheets",
            "xlsx",
            [
                Grid(
                    "",
                    [
                        ["2018年《政府工作报告》主要工作目标任务分解表", LEFT, LEFT, LEFT, LEFT],
                        ["序号", "目标任务", "责任领导", "责任单位", "责任人"],
                        ["1", "地区生产总值增长8%。", "甲某", "区发改局", "乙某"],
                        ["2", "固定资产投资增长10%。", "甲某", "区发改局、区住建局", "丙某"],
                    ],
                ),
                Grid(
                    "",
                    [
                        ["2018年民生十件实事任务分解表", LEFT, LEFT, LEFT, LEFT, LEFT],
                        ["序号", "项目名称", "目标任务", "责任领导", "责任单位", "责任人"],
                        ["1", "老旧小区改造", "改造老旧小区20个。", "丁某", "区住建局", "戊某"],
                    ],
                ),
            ],
            sheet_names=["附件1", "附件2"],
        ),
        tasks=[
            dict(
                seq=1,
                written="1",
                section="2018年《政府工作报告》主要工作目标任务分解表",
                content="地区生产总值增长8%。",
                officials=["甲某", "乙某"],
                lead=["区发改局"],
            ),
            dict(
                seq=2,
                written="2",
                section="2018年《政府工作报告》主要工作目标任务分解表",
                content="固定资产投资增长10%。",
                officials=["甲某", "丙某"],
                lead=["区发改局"],
                coop=["区住建局"],
            ),
            dict(
                seq=3,
                written="1",
                section="2018年民生十件实事任务分解表",
                content="老旧小区改造\n改造老旧小区20个。",
                officials=["丁某", "戊某"],
                lead=["区住建局"],
            ),
        ],
        sections=["2018年《政府工作报告》主要工作目标任务分解表", "2018年民生十件实事任务分解表"],
        meta={"title": "2018年《政府工作报告》主要工作目标任务分解表"},
        warnings=["重新从 1 编号"],
    )
)

# 高唐县 (山东聊城): 政府工作报告目标任务分工方案 in four columns 类别 / 任务内容 /
# 牵头领导 / 责任单位, no 序号; as a CSV export the merged 类别 cell is empty below its
# first row. http://www.gaotang.gov.cn/site_gtgtxrmzfbgsc/channel_x_5265_6201/doc_660bc75d70ff59102ab2ab7c.html
CASES.append(
    Case(
        "高唐县",
        "http://www.gaotang.gov.cn/site_gtgtxrmzfbgsc/channel_x_5265_6201/doc_660bc75d70ff59102ab2ab7c.html",
        Layout(
            "gaotang-division",
            "csv",
            [
                Grid(
                    "",
                    [
                        ["类别", "任务内容", "牵头领导", "责任单位"],
                        [
                            "（一）主要预期目标",
                            "地区生产总值增长6%左右。",
                            "某县长",
                            "县发改局，县统计局",
                        ],
                        [UP, "一般公共预算收入增长5%。", "某副县长", "县财政局；县税务局"],
                        ["（二）产业发展", "新增规上工业企业20家。", "某副县长", "县工信局"],
                    ],
                )
            ],
        ),
        tasks=[
            dict(
                seq=1,
                section="（一）主要预期目标",
                content="地区生产总值增长6%左右。",
                officials=["某县长"],
                lead=["县发改局"],
                coop=["县统计局"],
            ),
            dict(
                seq=2,
                section="（一）主要预期目标",
                content="一般公共预算收入增长5%。",
                officials=["某副县长"],
                lead=["县财政局"],
                coop=["县税务局"],
            ),
            dict(
                seq=3,
                section="（二）产业发展",
                content="新增规上工业企业20家。",
                officials=["某副县长"],
                lead=["县工信局"],
            ),
        ],
        sections=["（一）主要预期目标", "（二）产业发展"],
    )
)

# 镇巴县 (陕西汉中): the metadata as sibling list items, a label item then its value item
# (索引号 with a 10-digit code and a 6-digit serial, 发文字号, 发文日期 with a time, 有效性).
# The table is a plain one of the same site's shape. http://zb.gov.cn/zbxzf/xzfwj/202404/49ca3d0c669f4c2ebf6f7fabf563549c.shtml
CASES.append(
    Case(
        "镇巴县",
        "http://zb.gov.cn/zbxzf/xzfwj/202404/49ca3d0c669f4c2ebf6f7fabf563549c.shtml",
        Layout(
            "zhenba-li-pairs",
            "html",
            [
                Grid(
                    "",
                    [
                        [
                            "序号",
                            "工作任务",
                            "牵头县领导",
                            "牵头单位",
                            "配合单位",
                            "上半年进展情况",
                        ],
                        ["1", "新建村级光伏电站10座。", "某某", "县发改局", "各镇", "已建成6座。"],
                    ],
                )
            ],
            title="镇巴县2024年重点工作任务上半年进展情况",
            meta_html=(
                "<ul class='meta'><li>索引号：</li><li>6107280000/2024-001005</li>"
                "<li>主题分类：</li><li></li><li>发文机构：</li><li>县政府网站</li>"
                "<li>发文字号：</li><li>镇政发〔2024〕7号</li>"
                "<li>发文日期：</li><li>2024年04月06日 16:40</li>"
                "<li>有效性：</li><li></li><li>发布日期：</li><li>2024年04月06日 16:34</li></ul>"
            ),
        ),
        tasks=[
            dict(
                seq=1,
                content="新建村级光伏电站10座。",
                officials=["某某"],
                lead=["县发改局"],
                coop=["各镇"],
                progress="已建成6座。",
            ),
        ],
        sections=[""],
        meta={
            "index_no": "6107280000/2024-001005",
            "publisher": "县政府网站",
            "doc_no": "镇政发〔2024〕7号",
            "issued_on": "2024-04-06",
            "published_on": "2024-04-06",
            "published_at": "2024-04-06 16:34:00",  # the page stamp, to the second
            "topic": "",
            "validity": "",
        },
        columns={
            "序号": "seq",
            "工作任务": "content",
            "牵头县领导": "lead_officials",
            "牵头单位": "lead_units",
            "配合单位": "cooperating_units",
            "上半年进展情况": "progress",
        },
    )
)

# 会昌县 (江西赣州): 关于2023年10月份民生实事项目进展情况的通报: 项目名称 / 目标任务 /
# 责任单位 / 截至10月底进展情况, the crumb path of the 年度重点工作进展和完成情况 column.
# http://www.huichang.gov.cn/hcxxxgk/hc1373/202403/ac532136c88e40c999782114a0b6a02f.shtml
CASES.append(
    Case(
        "会昌县",
        "http://www.huichang.gov.cn/hcxxxgk/hc1373/202403/ac532136c88e40c999782114a0b6a02f.shtml",
        Layout(
            "huichang-minsheng",
            "html",
            [
                Grid(
                    "",
                    [
                        ["序号", "项目名称", "目标任务", "责任单位", "截至10月底进展情况", "备注"],
                        [
                            "1",
                            "城乡学校扩容",
                            "新增学位1200个。",
                            "县教科体局，各乡镇（街道）",
                            "已新增学位900个。",
                            "进度滞后",
                        ],
                        [
                            "2",
                            "农村公路提升",
                            "改造农村公路50公里。",
                            "县交通运输局",
                            "已完成50公里。",
                            "已完成",
                        ],
                    ],
                )
            ],
            title="关于2023年10月份民生实事项目进展情况的通报",
            meta_html=(
                "<div class='position'>您当前所在位置： 首页 &gt; 法定主动公开内容 &gt; 执行公开 &gt; "
                "政府重点工作 &gt; 年度重点工作进展和完成情况</div>"
            ),
        ),
        tasks=[
            dict(
                seq=1,
                content="城乡学校扩容\n新增学位1200个。",
                lead=["县教科体局"],
                coop=["各乡镇（街道）"],
                progress="已新增学位900个。",
                remarks="进度滞后",
            ),
            dict(
                seq=2,
                content="农村公路提升\n改造农村公路50公里。",
                lead=["县交通运输局"],
                progress="已完成50公里。",
                remarks="已完成",
            ),
        ],
        sections=[""],
        meta={
            "category_path": [
                "法定主动公开内容",
                "执行公开",
                "政府重点工作",
                "年度重点工作进展和完成情况",
            ]
        },
    )
)

# 泾县 (安徽宣城): 分解落实政府工作报告目标任务: 牵头县领导 / 牵头责任单位 / 协同责任单位,
# an index number with an 18-character code and year+month.
# http://ahjx.gov.cn/OpennessContent/show/2668526.html
CASES.append(
    Case(
        "泾县",
        "http://ahjx.gov.cn/OpennessContent/show/2668526.html",
        Layout(
            "jingxian-decomposition",
            "html",
            [
                Grid(
                    "",
                    [
                        ["序号", "工作任务", "牵头县领导", "牵头责任单位", "协同责任单位"],
                        ["1", "规上工业增加值增长8%。", "某某", "县经信局", "县统计局、各乡镇"],
                    ],
                )
            ],
            title="泾县人民政府关于分解落实政府工作报告目标任务的通知",
            meta_html=(
                "<table><tr><td>索引号：</td><td>11341729003257952H/202301-00044</td>"
                "<td>组配分类：</td><td>年度重点工作任务分解、执行及落实情况</td></tr>"
                "<tr><td>发布机构：</td><td>泾县人民政府（办公室）</td>"
                "<td>主题分类：</td><td>综合政务 / 其他 / 通知</td></tr>"
                "<tr><td>名称：</td><td>泾县人民政府关于分解落实政府工作报告目标任务的通知</td>"
                "<td>文号：</td><td>泾政〔2023〕1号</td></tr>"
                "<tr><td>发布日期：</td><td>2023-01-30 08:56</td></tr></table>"
            ),
        ),
        tasks=[
            dict(
                seq=1,
                content="规上工业增加值增长8%。",
                officials=["某某"],
                lead=["县经信局"],
                coop=["县统计局", "各乡镇"],
            ),
        ],
        sections=[""],
        meta={
            "index_no": "11341729003257952H/202301-00044",
            "grouping": "年度重点工作任务分解、执行及落实情况",
            "publisher": "泾县人民政府（办公室）",
            "topic": "综合政务 / 其他 / 通知",
            "doc_no": "泾政〔2023〕1号",
            "published_on": "2023-01-30",
        },
    )
)

# 莆田市城厢区 (福建): 为民办实事项目1-9月份进展情况, 附件1 慢序时项目 and 附件2 按序时项目
# in one DOCX, each numbered from 1. https://www.chengxiang.gov.cn/zwgk/wmbss/202101/t20210129_1571508.htm
_CX_HEAD = ["序号", "项目名称", "目标任务", "责任单位", "1-9月份进展情况"]
CASES.append(
    Case(
        "城厢区",
        "https://www.chengxiang.gov.cn/zwgk/wmbss/202101/t20210129_1571508.htm",
        Layout(
            "chengxiang-two-attachments",
            "docx",
            [
                Grid(
                    "附件1\n慢序时项目",
                    [_CX_HEAD, ["1", "老旧小区改造", "改造小区15个。", "区住建局", "已开工8个。"]],
                ),
                Grid(
                    "附件2\n按序时项目",
                    [
                        _CX_HEAD,
                        [
                            "1",
                            "职业技能提升",
                            "培训2000人次。",
                            "区人社局；各街道",
                            "已培训1600人次。",
                        ],
                        ["2", "扶残助残", "服务残疾人500人。", "区残联", "已服务390人。"],
                    ],
                ),
            ],
            title="城厢区为民办实事项目1-9月份进展情况",
        ),
        tasks=[
            dict(
                seq=1,
                written="1",
                section="慢序时项目",
                content="老旧小区改造\n改造小区15个。",
                lead=["区住建局"],
                progress="已开工8个。",
            ),
            dict(
                seq=2,
                written="1",
                section="按序时项目",
                content="职业技能提升\n培训2000人次。",
                lead=["区人社局"],
                coop=["各街道"],
                progress="已培训1600人次。",
            ),
            dict(
                seq=3,
                written="2",
                section="按序时项目",
                content="扶残助残\n服务残疾人500人。",
                lead=["区残联"],
                progress="已服务390人。",
            ),
        ],
        sections=["慢序时项目", "按序时项目"],
        meta={"title": "城厢区为民办实事项目1-9月份进展情况"},
        warnings=["重新从 1 编号"],
    )
)
