package org.eibench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's and subcommand's --help as a user reads it: no split regex or unfilled placeholder leaks into it, and
 * the one-line summaries in command lists are whole sentences.
 */
class HelpTextTest {

    private static final Pattern NULL_WORD = Pattern.compile("\\bnull\\b");

    private static List<CommandLine> everyCommand() {
        List<CommandLine> all = new ArrayList<>();
        ArrayDeque<CommandLine> todo = new ArrayDeque<>();
        todo.add(Main.commandLine());
        while (!todo.isEmpty()) {
            CommandLine c = todo.poll();
            all.add(c);
            todo.addAll(c.getSubcommands().values());
        }
        return all;
    }

    private static String name(CommandLine c) {
        return c.getCommandSpec().qualifiedName();
    }

    @Test
    void noHelpShowsARegexAPlaceholderOrAnEllipsisRun() {
        List<CommandLine> all = everyCommand();
        assertThat(all).hasSizeGreaterThan(15);
        for (CommandLine c : all) {
            String help = c.getUsageMessage(CommandLine.Help.Ansi.OFF);
            assertThat(help).as(name(c)).doesNotContain("(?", "\\", "[^", "......");
            assertThat(NULL_WORD.matcher(help).find()).as(name(c) + " mentions null:\n" + help).isFalse();
        }
    }

    /** The command list shows a subcommand's first description line (picocli): it must be a whole sentence. */
    @Test
    void everyCommandSummaryIsAWholeSentence() {
        for (CommandLine c : everyCommand()) {
            CommandLine.Model.UsageMessageSpec usage = c.getCommandSpec().usageMessage();
            String[] lines = usage.header().length > 0 ? usage.header() : usage.description();
            assertThat(lines).as(name(c) + " has no description").isNotEmpty();
            // Every description line is printed as a line of its own, so each must end a sentence.
            for (String line : usage.description()) {
                assertThat(line.replaceAll("(%n)+$", "").strip()).as(name(c) + ": a description line that ends mid-sentence").matches("(?s).*[.!?]$");
            }
            assertThat(lines[0].length()).as(name(c) + ": summary too long for one line of a command list").isLessThan(200);
        }
    }

    @Test
    void theModelAndSeedsOptionsShowPlainListSyntax() {
        String help = Main.commandLine().getSubcommands().get("run").getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertThat(help).contains("--model=SPEC[,SPEC...]").contains("--seeds=S[,S...]")
                .contains("${EIBENCH_ROOT_NAME}");
    }
}
