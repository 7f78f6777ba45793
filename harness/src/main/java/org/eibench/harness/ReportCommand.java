package org.eibench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.eibench.harness.run.Compare;
import org.eibench.reports.Reports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code eibench report RUN... --out DIR}: tables, charts and index.html from finished run directories. Reads only
 * the files of the runs, so it can render runs made on another machine; the first run is the comparison baseline.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Writes tables (Markdown, CSV, LaTeX, JSON), charts (PNG, SVG) and index.html for run directories.",
                "With two or more runs, later runs are compared with the first by the engine of `eibench compare`."})
final class ReportCommand extends CatalogCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "RUN",
            description = "run directories (with summary.json), or a folder of them as `eibench run --out` writes")
    List<Path> runs;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "output folder for the report")
    Path out;

    @Override
    public Integer call() throws IOException {
        for (Path r : runs) {
            if (!Files.isDirectory(r)) {
                throw new Main.UsageError(r + ": not a folder");
            }
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new Main.UsageError("--out " + out + " is a file; give a folder for the report");
        }
        Path index;
        try {
            index = Reports.write(runs, out, Compare.forReports(data::catalog));
        } catch (IOException e) {
            // A folder that is not a run directory is the user's mistake, not an I/O failure.
            if (e.getMessage() != null && e.getMessage().contains("summary.json")) {
                throw new Main.UsageError(e.getMessage());
            }
            throw e;
        }
        spec.commandLine().getOut().println("Report: " + index.toAbsolutePath());
        return Main.OK;
    }
}
