package org.eibench.harness;

import java.io.PrintWriter;
import java.util.List;

import org.eibench.runtime.ModelSpec;
import org.eibench.runtime.ModelSpecException;
import org.eibench.runtime.http.ConformanceCheck;
import org.eibench.runtime.http.HttpSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code eibench runtime check URL}: tells a model server's author what is wrong with it (docs/serving.md). */
@Command(name = "runtime", mixinStandardHelpOptions = true, description = "Tools for model runtimes.",
        subcommands = {RuntimeCommand.Check.class})
final class RuntimeCommand extends GroupCommand {

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Checks that an HTTP model server speaks the EIBench protocol: health, a generate round-trip "
                    + "with a small image, id echo in a batch, PNG validity and error handling.",
                    "Sends the bearer token from EIBENCH_HTTP_TOKEN when set (never printed). Exit code 0 when "
                            + "nothing failed, 1 otherwise."})
    static final class Check implements java.util.concurrent.Callable<Integer> {

        @CommandLine.Parameters(paramLabel = "URL", description = "server root, e.g. http://127.0.0.1:8000")
        String url;

        @CommandLine.Option(names = "--timeout", paramLabel = "S", defaultValue = "60",
                description = "seconds allowed for each call (default: ${DEFAULT-VALUE})")
        double timeout;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            HttpSettings settings;
            try {
                settings = HttpSettings.parse(ModelSpec.parse(url + ",timeout=" + timeout + ",retries=0"));
            } catch (ModelSpecException e) {
                throw new Main.UsageError(e.getMessage());
            }
            out.println("Checking " + settings.base() + " (timeout " + timeout + " s per call"
                    + (System.getenv("EIBENCH_HTTP_TOKEN") != null ? ", bearer token from EIBENCH_HTTP_TOKEN" : "") + ")");
            List<ConformanceCheck.Finding> findings = new ConformanceCheck(settings).run();
            int failed = 0;
            for (ConformanceCheck.Finding f : findings) {
                out.printf("%-4s %-15s %s%n", f.level(), f.check(), f.detail());
                if (f.level() == ConformanceCheck.Level.FAIL) {
                    failed++;
                }
            }
            out.println(failed == 0 ? "OK: the server follows the protocol." : failed + " check(s) failed; see docs/serving.md.");
            out.flush();
            return failed == 0 ? Main.OK : Main.FAILURES;
        }
    }
}
