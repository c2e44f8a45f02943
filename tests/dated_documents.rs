//! The date checks on documents that carry a year in their file name, the way users name
//! them (`2024年上半年工作总结.docx`): clean documents given their real year stay silent,
//! and a report assembled from last year's has each stale year found.
//!
//! The clean documents come from `../shared/data/corpus/gov-docs.txt`, which CI has and a
//! user's clone does not: without it that test says so and passes.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Documents of the clean corpus and the year each was issued in, read from the document
/// itself: its last date line (the 成文日期 or the date of the notice it prints).
/// Chosen for the dated language they hold: headings and plans with years, 今年是……,
/// 决胜全面建成小康社会, quarterly reports issued the next year, ranges like (2018—2020年).
const CORPUS: &[(&str, i32)] = &[
    (
        "国务院办公厅关于印发全国深化“放管服”改革转变政府职能电视电话会议重点任务分工方案的通知",
        2018,
    ),
    ("2017年第二季度全国政府网站抽查情况通报", 2017),
    ("2017年第四季度全国政府网站抽查情况通报", 2018),
    (
        "中共中央 国务院关于全面加强生态环境保护 坚决打好污染防治攻坚战的意见",
        2018,
    ),
    ("国务院关于印发打赢蓝天保卫战三年行动计划的通知", 2018),
    (
        "国务院办公厅关于对2019年落实有关重大政策措施真抓实干成效明显地方予以督查激励的通报",
        2020,
    ),
    ("国务院关于落实《政府工作报告》重点工作部门分工的意见", 2020),
    ("国务院关于落实《政府工作报告》重点工作分工的意见", 2021),
    ("国务院办公厅关于印发国务院2020年立法工作计划的通知", 2020),
    (
        "国务院关于印发2016年推进简政放权放管结合优化服务改革工作要点的通知",
        2016,
    ),
    ("国务院办公厅关于印发2019年政务公开工作要点的通知", 2019),
    ("国务院关于开展2018年国务院大督查的通知", 2018),
    (
        "国务院办公厅关于印发深化医药卫生体制改革2018年下半年重点工作任务的通知",
        2018,
    ),
];

fn corpus_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/corpus/gov-docs.txt")
}

/// Document title → its text (the title line, then the paragraphs).
fn corpus_documents(text: &str) -> Vec<(String, String)> {
    let mut docs: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if let Some(title) = line.strip_prefix("### ") {
            docs.push((title.to_string(), format!("{title}\n")));
        } else if let Some((_, body)) = docs.last_mut() {
            body.push_str(line);
            body.push('\n');
        }
    }
    docs
}

/// The year of the last line that is only a date (`2018年8月5日`, `（2018年6月16日）`).
fn date_line_year(text: &str) -> Option<i32> {
    text.lines().rev().find_map(|line| {
        let line = line
            .trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
            .trim_start_matches(['（', '('])
            .trim_end_matches(['）', ')']);
        let (year, rest) = line.split_once('年')?;
        let (month, rest) = rest.split_once('月')?;
        let day = rest.strip_suffix('日')?;
        let all_digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
        (year.len() == 4 && all_digits(year) && all_digits(month) && all_digits(day))
            .then(|| year.parse().ok())
            .flatten()
    })
}

/// A file name from a title, as a user's system would allow it.
fn file_name(year: i32, title: &str) -> String {
    let safe: String = title
        .chars()
        .filter(|c| !r#"/\:*?"<>|"#.contains(*c))
        .collect();
    format!("{year}年{safe}.txt")
}

/// Runs doclint on `paths` and returns its diagnostics.
fn diagnostics(paths: &[PathBuf]) -> Vec<Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_doclint"))
        .args(["--format", "json"])
        .args(paths)
        .output()
        .expect("doclint runs");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "doclint failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    json["diagnostics"].as_array().expect("diagnostics").clone()
}

fn is_dates(d: &Value) -> bool {
    d["code"].as_str().is_some_and(|c| c.starts_with("DL6"))
}

fn describe(d: &Value) -> String {
    format!(
        "{} {}:{} “{}” {}",
        d["code"].as_str().unwrap_or(""),
        Path::new(d["path"].as_str().unwrap_or(""))
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        d["start"]["line"],
        d["matched"].as_str().unwrap_or(""),
        d["message"].as_str().unwrap_or("")
    )
}

#[test]
fn clean_documents_named_with_their_real_year_stay_silent() {
    let path = corpus_path();
    let Ok(corpus) = std::fs::read_to_string(&path) else {
        eprintln!(
            "{} is not here (it is in CI, not in a user's clone): test skipped",
            path.display()
        );
        return;
    };
    let docs = corpus_documents(&corpus);
    let dir = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    for &(title, year) in CORPUS {
        let (_, text) = docs
            .iter()
            .find(|(t, _)| t == title)
            .unwrap_or_else(|| panic!("“{title}” is not in the corpus"));
        // The year is the document's own, not a guess.
        assert_eq!(date_line_year(text), Some(year), "date line of “{title}”");
        let file = dir.path().join(file_name(year, title));
        std::fs::write(&file, text).unwrap();
        let inferred = doclint::year::infer(&file.display().to_string(), text, None)
            .expect("the file name gives a year");
        assert!(inferred.contains(year), "“{title}”: {inferred}");
        paths.push(file);
    }
    let found: Vec<String> = diagnostics(&paths)
        .iter()
        .filter(|d| is_dates(d))
        .map(describe)
        .collect();
    assert!(
        found.is_empty(),
        "date diagnostics on clean documents:\n{}",
        found.join("\n")
    );
}

/// A half-year report assembled from last year's, saved under this year's name: every stale
/// year and malformed date is found, and the years that are rightly past are not.
const STALE_REPORT: &str = "\
柳川县农业农村局2023年上半年工作总结
2023年上半年，县农业农村局在县委、县政府的坚强领导下，坚持稳中求进工作总基调，各项工作取得新的进展。
今年（2023年）是全面贯彻党的二十大精神的开局之年，做好“三农”工作意义重大。
一、主要工作开展情况
（一）粮食生产稳中有进。全县粮食播种面积52.3万亩，较2023年同期增加0.6万亩；2022年以来累计建成高标准农田8.1万亩。
（二）产业发展提质增效。2024上半年，新增市级农业产业化龙头企业3家，农产品加工业产值与2023年同期相比增长7.4%。
（三）农村改革纵深推进。按照《柳川县深化农村集体产权制度改革方案（2022—2025年）》，完成62个村集体经济组织换届，截至6月31日，全县村集体经济收入平均达到18.6万元。
二、存在的问题
一是农业产业链条短，２024年以来新引进的项目落地较慢；二是农村人居环境整治还有短板。
三、2023年下半年工作打算
（一）抓好秋粮生产。今年是“十四五”规划开局之年，要确保全年粮食产量稳定在23万吨以上。
（二）深化农村改革。巩固2023年农村集体产权制度改革成果，扎实推进宅基地管理。
柳川县农业农村局
二0二四年七月五日
";

/// A county government work report for 2026: full of past years, all of them right.
const CLEAN_REPORT: &str = "\
政府工作报告
——2026年1月8日在柳川县第十八届人民代表大会第六次会议上
一、2025年工作回顾
过去一年，面对复杂严峻的外部环境，我们坚持稳中求进工作总基调，全县经济运行总体平稳。2025年，全县地区生产总值达到326.5亿元，比2024年增长5.6%；一般公共预算收入21.3亿元，与2024年同期相比增长4.1%。
2021年以来，全县累计新增城镇就业2.4万人；截至2025年底，城镇登记失业率控制在3.2%以内，较“十三五”末下降0.5个百分点。
五年来，我们完成了“十四五”规划确定的主要目标任务。2025年是“十四五”规划收官之年，全县上下团结奋斗，交出了一份厚重的答卷。
二、2026年工作安排
今年是“十五五”规划开局之年，做好今年工作意义重大。根据《柳川县国民经济和社会发展第十五个五年规划纲要（2026—2030年）》，2026年全县经济社会发展的主要预期目标是：地区生产总值增长5.5%左右。
（一）持续扩大有效投资。对照2025年重点项目完成情况，谋划实施2026年重点项目126个，确保6月30日前全部开工。
（二）深入实施乡村振兴战略。巩固拓展脱贫攻坚成果，严守耕地红线，全年粮食产量稳定在23万吨以上。
柳川县人民政府
2026年1月8日
";

/// More clean documents of the kinds users write, each under the name it would be saved
/// as: a plan that looks back at last year, a personal report with a career history, a
/// notice with deadlines, minutes of a January meeting on last year's fourth quarter.
const CLEAN_DOCUMENTS: &[(&str, &str)] = &[
    (
        "柳川县发展改革局2025年工作要点.txt",
        "\
柳川县发展改革局2025年工作要点
2024年，我局坚持稳中求进工作总基调，全年完成固定资产投资86.2亿元，比2023年增长6.3%。2025年是“十四五”规划收官之年，也是谋划“十五五”发展的关键之年。
一、2024年工作回顾
（一）重大项目建设提速。2024年以来，新开工亿元以上项目42个；截至2024年底，累计完成投资占年度计划的108%。
（二）对照2024年工作要点，12项重点任务全部完成。
二、2025年重点工作
（一）扩大有效投资。今年是“十四五”规划收官之年，要确保“十四五”规划目标任务圆满完成。
（二）谋划“十五五”规划。6月30日前完成《柳川县国民经济和社会发展第十五个五年规划纲要（2026—2030年）》基本思路研究。
",
    ),
    (
        "2024年度个人述职报告.txt",
        "\
2024年度个人述职报告
2019年，组织安排我到县发展改革局工作；2021年3月，任党组成员、副局长。现将2024年度履职情况报告如下。
一、加强理论学习。深入开展党纪学习教育，全年参加集中学习24次。
二、履行岗位职责。牵头推进2023年遗留的3个项目全部落地，与2023年相比，分管领域投资增长9.1%。
",
    ),
    (
        "关于做好2025年元旦春节期间有关工作的通知.txt",
        "\
关于做好2025年元旦春节期间有关工作的通知
各乡镇人民政府，县政府各部门：
2025年元旦、春节即将到来。为确保群众度过欢乐祥和的节日，现将有关事项通知如下。
一、请各单位于2024年12月31日前报送值班安排，2025年1月20日前报送节日期间安全检查情况。
二、节日期间（2025年1月28日至2月4日）严格落实领导带班和24小时值班制度。
柳川县人民政府办公室
2024年12月20日
",
    ),
    (
        "20250110县长办公会议纪要.txt",
        "\
县长办公会议纪要（2024年第四季度经济运行分析）
2025年1月8日，县长主持召开县长办公会议，听取2024年第四季度经济运行情况汇报。
会议指出，2024年全县经济运行总体平稳，第四季度地区生产总值同比增长5.8%。
会议要求，各部门要对照2024年目标任务查漏补缺，做好2025年一季度开门红各项准备。
",
    ),
];

#[test]
fn hand_written_clean_documents_stay_silent() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in CLEAN_DOCUMENTS {
        let found: Vec<String> = check_one(dir.path(), name, text)
            .iter()
            .filter(|d| is_dates(d) || d["code"] == "DL651")
            .map(describe)
            .collect();
        assert!(found.is_empty(), "{name}:\n{}", found.join("\n"));
    }
}

fn check_one(dir: &Path, name: &str, text: &str) -> Vec<Value> {
    let file = dir.join(name);
    std::fs::write(&file, text).unwrap();
    diagnostics(&[file])
}

#[test]
fn a_report_copied_from_last_year_has_its_stale_years_found() {
    let dir = tempfile::tempdir().unwrap();
    let found: Vec<(String, u64, String)> =
        check_one(dir.path(), "2024年上半年工作总结.txt", STALE_REPORT)
            .iter()
            .filter(|d| is_dates(d) || d["code"] == "DL651")
            .map(|d| {
                (
                    d["code"].as_str().unwrap().to_string(),
                    d["start"]["line"].as_u64().unwrap(),
                    d["matched"].as_str().unwrap().to_string(),
                )
            })
            .collect();
    let expected: Vec<(String, u64, String)> = [
        ("DL601", 1, "2023年"),
        ("DL602", 2, "2023年"),
        ("DL602", 3, "2023年"),
        ("DL651", 3, "全面贯彻党的二十大精神的开局之年"),
        ("DL604", 6, "2024"),
        ("DL605", 7, "6月31日"),
        ("DL607", 9, "２024"),
        ("DL601", 10, "2023年"),
        ("DL651", 11, "“十四五”规划开局之年"),
        ("DL606", 14, "0"),
    ]
    .iter()
    .map(|&(c, l, m)| (c.to_string(), l, m.to_string()))
    .collect();
    assert_eq!(found, expected);
}

#[test]
fn a_report_full_of_past_years_stays_silent() {
    let dir = tempfile::tempdir().unwrap();
    let found: Vec<String> = check_one(dir.path(), "2026年政府工作报告.txt", CLEAN_REPORT)
        .iter()
        .filter(|d| is_dates(d) || d["code"] == "DL651")
        .map(describe)
        .collect();
    assert!(found.is_empty(), "{}", found.join("\n"));
    // The same report a year later is stale where it claims the present.
    let found: Vec<String> = check_one(dir.path(), "2027年政府工作报告.txt", CLEAN_REPORT)
        .iter()
        .filter(|d| is_dates(d) || d["code"] == "DL651")
        .map(|d| {
            format!(
                "{} {}",
                d["code"].as_str().unwrap(),
                d["matched"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(found, ["DL601 2026年", "DL651 “十五五”规划开局之年"]);
}

#[test]
fn explain_year_names_the_source() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("20240115县长办公会议纪要.txt");
    std::fs::write(&file, "县长办公会议纪要\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_doclint"))
        .arg("--explain-year")
        .arg(&file)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("2023、2024 (from the file name “20240115县长办公会议纪要”; 2023 too:"),
        "{text}"
    );
}
