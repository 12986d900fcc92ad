package dev.readiness.checks.pipeline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Reads a {@code Jenkinsfile} by a small scan of its Groovy text (comments and strings skipped as Groovy reads
 * them, no regular expression over the file): whether it is declarative ({@code pipeline {}), its stages in order
 * ({@code stage('Build') { ... }}), and in each the first {@code sh}/{@code bat} step that runs the Maven build. A
 * stage waits for the stages before it; when it runs is assumed to be a Multibranch Pipeline's: every branch and
 * every pull request.
 */
final class Jenkinsfile {

    static final String SYSTEM = "Jenkins";
    private static final Set<String> STEPS = Set.of("sh", "bat", "powershell", "pwsh");

    private Jenkinsfile() {
    }

    /** A token: a word, a string's content, or one of {@code { } ( )}. */
    private record Token(char kind, String text, int line) {
    }

    static Pipeline read(String file, String text) {
        List<Token> tokens = tokens(text);
        boolean declarative = false;
        List<String> stages = new ArrayList<>();
        List<Integer> stageLines = new ArrayList<>();
        List<String> builds = new ArrayList<>();
        Deque<Integer> frames = new ArrayDeque<>(); // the stage index each open brace belongs to, -1 for none
        int pendingStage = -1;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind == 'w' && t.text.equals("pipeline") && next(tokens, i, 1, '{')) {
                declarative = true;
            } else if (t.kind == 'w' && t.text.equals("stage") && next(tokens, i, 1, '(') && next(tokens, i, 2, 's')
                    && next(tokens, i, 3, ')') && next(tokens, i, 4, '{')) {
                stages.add(tokens.get(i + 2).text);
                stageLines.add(t.line);
                builds.add(null);
                pendingStage = stages.size() - 1;
                i += 3;
            } else if (t.kind == '{') {
                frames.push(pendingStage >= 0 ? pendingStage : frames.isEmpty() ? -1 : frames.peek());
                pendingStage = -1;
            } else if (t.kind == '}') {
                if (!frames.isEmpty()) {
                    frames.pop();
                }
            } else if (t.kind == 'w' && STEPS.contains(t.text) && !frames.isEmpty() && frames.peek() >= 0) {
                String command = stepCommand(tokens, i);
                int stage = frames.peek();
                if (command != null && builds.get(stage) == null) {
                    builds.set(stage, MavenCommand.find(command));
                }
            }
        }
        List<Pipeline.Job> jobs = new ArrayList<>();
        for (int s = 0; s < stages.size(); s++) {
            jobs.add(new Pipeline.Job(stages.get(s), stageLines.get(s), stages.subList(0, s), null, builds.get(s), null));
        }
        String shown = "Multibranch Pipeline (assumed): every branch and pull request"
                + (declarative ? "" : "; not a declarative pipeline (no pipeline { })");
        return new Pipeline(file, SYSTEM, null, new Pipeline.Triggers(true, true, shown, List.of()), jobs);
    }

    private static boolean next(List<Token> tokens, int i, int ahead, char kind) {
        return i + ahead < tokens.size() && tokens.get(i + ahead).kind == kind;
    }

    /** The script of {@code sh 'cmd'}, {@code sh "cmd"}, {@code sh '''...'''} or {@code sh(script: 'cmd', ...)}. */
    private static String stepCommand(List<Token> tokens, int i) {
        if (next(tokens, i, 1, 's')) {
            return tokens.get(i + 1).text;
        }
        if (next(tokens, i, 1, '(')) {
            for (int j = i + 2; j < tokens.size() && tokens.get(j).kind != ')'; j++) {
                if (tokens.get(j).kind == 's') {
                    return tokens.get(j).text;
                }
            }
        }
        return null;
    }

    /** Words, strings and brackets of Groovy text; comments and everything else are skipped. Linear in the text. */
    private static List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        int line = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                line += count(text, i, end);
                i = end;
            } else if (c == '\'' || c == '"') {
                int start = line;
                String quote = text.startsWith(String.valueOf(c).repeat(3), i) ? String.valueOf(c).repeat(3) : String.valueOf(c);
                StringBuilder content = new StringBuilder();
                int j = i + quote.length();
                while (j < n && !text.startsWith(quote, j)) {
                    char d = text.charAt(j);
                    if (d == '\\' && j + 1 < n) {
                        // an escaped character; a backslash before a line break continues the line, as in Groovy
                        if (text.charAt(j + 1) != '\n') {
                            content.append(text.charAt(j + 1));
                        }
                        j += 2;
                        continue;
                    }
                    if (d == '\n' && quote.length() == 1) {
                        break;
                    }
                    content.append(d);
                    j++;
                }
                int end = Math.min(n, j + quote.length());
                line += count(text, i, end);
                tokens.add(new Token('s', content.toString(), start));
                i = end;
            } else if (Character.isJavaIdentifierStart(c)) {
                int j = i;
                while (j < n && Character.isJavaIdentifierPart(text.charAt(j))) {
                    j++;
                }
                tokens.add(new Token('w', text.substring(i, j), line));
                i = j;
            } else if (c == '{' || c == '}' || c == '(' || c == ')') {
                tokens.add(new Token(c, String.valueOf(c), line));
                i++;
            } else {
                i++;
            }
        }
        return tokens;
    }

    private static int count(String text, int from, int to) {
        int lines = 0;
        for (int k = from; k < to && k < text.length(); k++) {
            lines += text.charAt(k) == '\n' ? 1 : 0;
        }
        return lines;
    }
}
