package org.unigov;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

import org.unigov.StructureTests.MethodLength;

/**
 * A small reader of Java source for {@link StructureTests}: it skips comments and literals, follows
 * braces, and tells type bodies from method bodies, which is all a length rule needs.
 */
final class SourceMethods {

	private static final Set<String> TYPE_KEYWORDS = Set.of("class", "interface", "enum", "record");

	private SourceMethods() {
	}

	private enum Body {
		TYPE, METHOD, OTHER
	}

	private record Token(String text, int line) {
	}

	/** The length in lines of every method and constructor, from its name's line to its closing brace. */
	static List<MethodLength> lengths(String source) {
		List<MethodLength> result = new ArrayList<>();
		Deque<Body> bodies = new ArrayDeque<>();
		Deque<MethodLength> open = new ArrayDeque<>();
		List<Token> statement = new ArrayList<>();
		for (Token token : tokens(source, null)) {
			switch (token.text()) {
				case "{" -> {
					Body enclosing = bodies.isEmpty() ? Body.OTHER : bodies.peek();
					Body body = classify(statement, enclosing, bodies.isEmpty());
					bodies.push(body);
					if (body == Body.METHOD) {
						Token name = methodName(statement);
						open.push(new MethodLength(name.text(), name.line(), 0));
					}
					statement.clear();
				}
				case "}" -> {
					Body closed = bodies.isEmpty() ? Body.OTHER : bodies.pop();
					if (closed == Body.METHOD) {
						MethodLength m = open.pop();
						result.add(new MethodLength(m.name(), m.line(), token.line() - m.line() + 1));
					}
					statement.clear();
				}
				case ";" -> statement.clear();
				default -> statement.add(token);
			}
		}
		return result;
	}

	private static Body classify(List<Token> statement, Body enclosing, boolean topLevel) {
		int depth = 0;
		boolean parenthesis = false;
		for (Token t : statement) {
			if (t.text().equals("(")) {
				depth++;
				parenthesis = true;
			}
			else if (t.text().equals(")")) {
				depth--;
			}
			else if (depth == 0 && TYPE_KEYWORDS.contains(t.text()) && !precededByDot(statement, t)) {
				return Body.TYPE;
			}
			else if (depth == 0 && t.text().equals("=") && !parenthesis) {
				return Body.OTHER;
			}
		}
		if (topLevel) {
			return Body.TYPE;
		}
		return enclosing == Body.TYPE && parenthesis ? Body.METHOD : Body.OTHER;
	}

	private static boolean precededByDot(List<Token> statement, Token t) {
		int i = statement.indexOf(t);
		return i > 0 && statement.get(i - 1).text().equals(".");
	}

	/** The identifier before the first opening parenthesis outside annotations. */
	private static Token methodName(List<Token> statement) {
		for (int i = 1; i < statement.size(); i++) {
			if (statement.get(i).text().equals("(") && !statement.get(i - 1).text().startsWith("@")
					&& !(i > 1 && statement.get(i - 2).text().equals("@"))) {
				return statement.get(i - 1);
			}
			if (statement.get(i).text().equals("(")) {
				i = skipParentheses(statement, i);
			}
		}
		return statement.getFirst();
	}

	private static int skipParentheses(List<Token> statement, int open) {
		int depth = 0;
		for (int i = open; i < statement.size(); i++) {
			depth += statement.get(i).text().equals("(") ? 1 : statement.get(i).text().equals(")") ? -1 : 0;
			if (depth == 0) {
				return i;
			}
		}
		return statement.size();
	}

	/** The contents of every string literal and text block. */
	static List<String> stringLiterals(String source) {
		List<String> literals = new ArrayList<>();
		tokens(source, literals);
		return literals;
	}

	/** Identifiers and punctuation with their line; comments skipped, literals collected (or dropped). */
	private static List<Token> tokens(String s, List<String> literals) {
		List<Token> tokens = new ArrayList<>();
		int line = 1;
		int i = 0;
		while (i < s.length()) {
			char c = s.charAt(i);
			int end;
			if (c == '\n') {
				line++;
				end = i + 1;
			}
			else if (s.startsWith("//", i)) {
				end = s.indexOf('\n', i);
				end = end < 0 ? s.length() : end;
			}
			else if (s.startsWith("/*", i)) {
				end = s.indexOf("*/", i + 2) + 2;
			}
			else if (s.startsWith("\"\"\"", i)) {
				end = s.indexOf("\"\"\"", i + 3) + 3;
				collect(literals, s.substring(i + 3, end - 3));
			}
			else if (c == '"' || c == '\'') {
				end = i + 1;
				while (s.charAt(end) != c) {
					end += s.charAt(end) == '\\' ? 2 : 1;
				}
				end++;
				if (c == '"') {
					collect(literals, s.substring(i + 1, end - 1));
				}
			}
			else if (Character.isJavaIdentifierPart(c) || c == '@') {
				end = i + 1;
				while (end < s.length() && Character.isJavaIdentifierPart(s.charAt(end))) {
					end++;
				}
				tokens.add(new Token(s.substring(i, end), line));
			}
			else {
				end = i + 1;
				if (!Character.isWhitespace(c)) {
					tokens.add(new Token(String.valueOf(c), line));
				}
			}
			line += count(s, i, end, c == '\n');
			i = end;
		}
		return tokens;
	}

	/** Newlines inside a comment or text block that was skipped in one step. */
	private static int count(String s, int from, int to, boolean alreadyCounted) {
		if (alreadyCounted) {
			return 0;
		}
		int n = 0;
		for (int i = from; i < to; i++) {
			n += s.charAt(i) == '\n' ? 1 : 0;
		}
		return n;
	}

	private static void collect(List<String> literals, String literal) {
		if (literals != null) {
			literals.add(literal);
		}
	}

}
