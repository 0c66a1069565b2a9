using CrmSuite.Bench.Documents;

// The documents bench's load tool (bench/documents/run.sh):
//
//   html TEMPLATE_OUT HTML_OUT [--copies 5]
//       writes the bench's invoice template (the built-in счёт на оплату with its line loop run
//       COPIES times: the sample invoice's 2 lines become 10 rows) and the HTML the service renders
//       from it for its preview (the same Liquid code, the same sample document).
//   bare --html FILE [--chromium /usr/bin/chromium] [--concurrency 2] [--warmup 20] [--count 200] [--batch 1]
//       prints FILE to PDF in a loop in a Chromium launched as the service launches its own (same
//       flags; one context per worker with JavaScript off, offline, every request aborted; A4 with
//       backgrounds), COUNT prints after WARMUP, CONCURRENCY at once. --batch N: N copies printed as one
//       PDF (the service's CombinedPrint: each on its own pages) and split into N PDFs, counted as N.
//   service --url URL --token TOKEN [--concurrency 2] [--warmup 20] [--count 200]
//           [--pid PID] [--progress N] [--sample-ms 500]
//       GETs URL (a PDF) COUNT times after WARMUP, CONCURRENCY at once; with --pid samples the memory
//       of that process and of its child processes (the Playwright driver, Chromium) while it runs;
//       with --progress prints a line every N documents.
//
// Each run ends with one parseable line: RESULT docs=… seconds=… per_s=… p50_ms=… p95_ms=…
// avg_kb=… errors=… (and, with --pid, a MEMORY line). Exit status 1 if any request or print failed.
return args.FirstOrDefault() switch
{
    "html" when args.Length >= 3 => await InvoiceHtml.WriteAsync(args[1], args[2], LoopOptions.Int(args, "--copies", 5)),
    "bare" => await BareChromium.RunAsync(LoopOptions.Parse(args)),
    "service" => await ServiceLoad.RunAsync(LoopOptions.Parse(args)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: html TEMPLATE_OUT HTML_OUT [--copies N] | bare --html FILE [...] | service --url URL --token TOKEN [...]");
    return 2;
}
