//! Character classes and small text helpers shared by the punctuation checks.

/// A Chinese character (CJK unified ideographs and their extensions, compatibility
/// ideographs, and 〇, which GB/T 15835 writes as a numeral among Chinese characters).
pub fn is_han(c: char) -> bool {
    crate::checks::is_ideograph(c) || c == '〇'
}

/// A full-width punctuation mark of Chinese text (the GB/T 15834 forms).
pub fn is_cjk_punct(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '（'
            | '）'
            | '《'
            | '》'
            | '〈'
            | '〉'
            | '【'
            | '】'
            | '〔'
            | '〕'
            | '…'
            | '—'
            | '·'
            | '「'
            | '」'
            | '『'
            | '』'
            | '～'
    )
}

/// A character that makes its neighbourhood Chinese text.
pub fn is_chinese(c: char) -> bool {
    is_han(c) || is_cjk_punct(c)
}

/// Chinese numerals as used in heading numbers (一、 （二） 第三条).
pub fn is_cn_numeral(c: char) -> bool {
    matches!(
        c,
        '〇' | '零'
            | '一'
            | '二'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '两'
    )
}

/// The character before byte `i` of `s`.
pub fn before(s: &str, i: usize) -> Option<char> {
    s[..i].chars().next_back()
}

/// The character at byte `i` of `s`.
pub fn at(s: &str, i: usize) -> Option<char> {
    s[i..].chars().next()
}

/// Number of ASCII spaces starting at byte `i`.
pub fn spaces_from(s: &str, i: usize) -> usize {
    s.as_bytes()[i..].iter().take_while(|&&b| b == b' ').count()
}

/// Number of ASCII spaces ending at byte `i`.
pub fn spaces_before(s: &str, i: usize) -> usize {
    s.as_bytes()[..i]
        .iter()
        .rev()
        .take_while(|&&b| b == b' ')
        .count()
}

/// Whether `label` (the text of a line before a mark, indentation removed) is a heading
/// number such as 一 / （二） / (三) / 第四章: a mark after it is the numbering family's
/// business (a wrong separator), not a sentence end.
pub fn is_heading_number(label: &str) -> bool {
    let inner = label
        .strip_prefix('（')
        .and_then(|s| s.strip_suffix('）'))
        .or_else(|| label.strip_prefix('(').and_then(|s| s.strip_suffix(')')))
        .unwrap_or(label);
    let inner = inner
        .strip_prefix('第')
        .and_then(|s| s.strip_suffix(['章', '节', '条', '款', '项', '部', '篇', '编']))
        .unwrap_or(inner);
    !inner.is_empty()
        && inner
            .chars()
            .all(|c| is_cn_numeral(c) || c.is_ascii_digit())
}

/// A line that holds nothing but a heading number (`二、`, `（一）`, `第五条`): scraped and
/// converted documents often put the number of a paragraph on a line of its own.
pub fn is_bare_number_line(line: &str) -> bool {
    let t = line.trim();
    let t = t.strip_suffix(['、', '.', '．']).unwrap_or(t);
    t.chars().count() <= 10 && is_heading_number(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(is_han('中') && is_han('〇') && is_han('𠀀'));
        assert!(!is_han('，') && !is_han('a') && !is_han('１'));
        assert!(is_cjk_punct('，') && is_cjk_punct('》') && !is_cjk_punct(','));
        assert!(is_chinese('国') && is_chinese('“') && !is_chinese('"'));
    }

    #[test]
    fn heading_numbers() {
        for ok in ["一", "十二", "（三）", "(四)", "第五章", "第12条", "3"] {
            assert!(is_heading_number(ok), "{ok}");
        }
        for no in ["", "总体要求", "第章", "（）", "一是"] {
            assert!(!is_heading_number(no), "{no}");
        }
        assert!(is_bare_number_line("二、"));
        assert!(is_bare_number_line("　　（十一）"));
        assert!(is_bare_number_line("第二十三条"));
        assert!(!is_bare_number_line("二、总体要求"));
    }

    #[test]
    fn helpers_respect_char_boundaries() {
        let s = "甲 ,乙";
        assert_eq!(before(s, 3), Some('甲'));
        assert_eq!(at(s, 3), Some(' '));
        assert_eq!(spaces_from(s, 3), 1);
        assert_eq!(spaces_before(s, 4), 1);
        assert_eq!(before(s, 0), None);
        assert_eq!(at(s, s.len()), None);
    }
}
