// ASCII character classes and case, as the <cctype> functions give them in
// the "C" locale every service runs in, without a call per byte: names,
// sentences and figure lines are scanned byte by byte on the hot paths of
// the loaders and the linker. Bytes outside ASCII are in no class.
#pragma once

namespace streamlens {

constexpr bool IsAsciiUpper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool IsAsciiLower(unsigned char c) { return c >= 'a' && c <= 'z'; }
constexpr bool IsAsciiAlpha(unsigned char c) { return IsAsciiUpper(c) || IsAsciiLower(c); }
constexpr bool IsAsciiDigit(unsigned char c) { return c >= '0' && c <= '9'; }
constexpr bool IsAsciiAlnum(unsigned char c) { return IsAsciiAlpha(c) || IsAsciiDigit(c); }
constexpr bool IsAsciiSpace(unsigned char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }
constexpr char AsciiLower(char c) { return IsAsciiUpper(static_cast<unsigned char>(c)) ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace streamlens
