package io.redframe.cli;

import java.util.Locale;

/** Names as printed: control characters escaped, so that one name stays on one line. */
final class Printable {
  private Printable() {}

  /** Whether {@code text} holds a character that {@link #of} escapes (other than a backslash). */
  static boolean hasControl(String text) {
    return text.codePoints().anyMatch(Printable::isControl);
  }

  /**
   * {@code text} as is, or, if it holds a control character, quoted the way GNU {@code ls} and bash
   * write such names: {@code $'a\nb'}, with {@code \n}, {@code \r}, {@code \t}, {@code \x1b},
   * {@code \u2028}, {@code \\} and {@code \'} inside. The quoted form pastes back into a shell as
   * the name.
   */
  static String of(String text) {
    if (!hasControl(text)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 8).append("$'");
    text.codePoints().forEach(c -> out.append(escape(c)));
    return out.append('\'').toString();
  }

  private static String escape(int c) {
    return switch (c) {
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      case '\t' -> "\\t";
      case '\\' -> "\\\\";
      case '\'' -> "\\'";
      default ->
          !isControl(c)
              ? Character.toString(c)
              : c <= 0xFF
                  ? String.format(Locale.ROOT, "\\x%02x", c)
                  : String.format(Locale.ROOT, "\\u%04x", c);
    };
  }

  private static boolean isControl(int c) {
    int type = Character.getType(c); // CONTROL: U+0000-U+001F and U+007F-U+009F
    return type == Character.CONTROL
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }
}
