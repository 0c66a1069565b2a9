// The reminders bench's SMTP server (bench/scheduling-reminders/run.sh): accepts every message on
// loopback (no TLS, no auth) and writes one line per message to OUT: "<epoch seconds received>
// <Message-ID>". Prints PORT=<port> when ready.
//
//     dotnet CrmSuite.Bench.SmtpSink.dll OUT
//
// It stands in for the relay a deployment sends through (Postfix and the like answer in well under
// a millisecond), so it must not be what the bench measures: each read is parsed in one pass, every
// complete command in it answered in one write (PIPELINING, as advertised), a message's data found
// by searching for the <CRLF>.<CRLF> terminator, sockets without Nagle's delay. Every message is
// counted with its Message-ID, so duplicates and losses show exactly as with smtp_sink.py (the
// Python sink, ~0.5 ms of CPU a message: at 1,000+ mails/s it takes most of a core of the two the
// bench shares with the service and PostgreSQL).
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: CrmSuite.Bench.SmtpSink OUT");
    return 2;
}

var arrivals = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
var writer = Task.Run(async () =>
{
    await using var file = new StreamWriter(new FileStream(args[0], FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false), 1 << 16);
    while (await arrivals.Reader.WaitToReadAsync())
    {
        while (arrivals.Reader.TryRead(out var line))
        {
            await file.WriteAsync(line);
        }
        await file.FlushAsync();
    }
});
AppDomain.CurrentDomain.ProcessExit += (_, _) =>
{
    arrivals.Writer.TryComplete();
    writer.Wait(TimeSpan.FromSeconds(5));
};

using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
listener.Listen(512);
Console.WriteLine($"PORT={((IPEndPoint)listener.LocalEndPoint!).Port}");
Console.Out.Flush();
while (true)
{
    var socket = await listener.AcceptAsync();
    socket.NoDelay = true;
    _ = Task.Run(() => Session.RunAsync(socket, arrivals.Writer));
}

internal static class Session
{
    private static readonly byte[] Greeting = "220 bench-sink ESMTP\r\n"u8.ToArray();
    private static readonly byte[] Ehlo = "250-bench-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n"u8.ToArray();
    private static readonly byte[] GoAhead = "354 go ahead\r\n"u8.ToArray();
    private static readonly byte[] Accepted = "250 accepted\r\n"u8.ToArray();
    private static readonly byte[] Bye = "221 bye\r\n"u8.ToArray();
    private static readonly byte[] Ok = "250 ok\r\n"u8.ToArray();
    private static readonly byte[] MessageIdHeader = "\r\nmessage-id:"u8.ToArray();

    public static async Task RunAsync(Socket socket, ChannelWriter<string> arrivals)
    {
        var buffer = new byte[64 * 1024];
        var filled = 0;
        var inData = false;
        var replies = new MemoryStream();
        try
        {
            await socket.SendAsync(Greeting);
            while (true)
            {
                if (filled == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }
                var read = await socket.ReceiveAsync(buffer.AsMemory(filled));
                if (read == 0)
                {
                    return;
                }
                filled += read;
                var start = 0;
                var quit = false;
                replies.SetLength(0);
                while (start < filled && !quit)
                {
                    var rest = buffer.AsSpan(start, filled - start);
                    if (inData)
                    {
                        int dataEnd, consumed;
                        if (rest.StartsWith(".\r\n"u8))
                        {
                            (dataEnd, consumed) = (0, 3); // an empty message
                        }
                        else
                        {
                            var end = rest.IndexOf("\r\n.\r\n"u8);
                            if (end < 0)
                            {
                                break;
                            }
                            (dataEnd, consumed) = (end + 2, end + 5);
                        }
                        arrivals.TryWrite($"{(DateTime.UtcNow - DateTime.UnixEpoch).TotalSeconds:F6} {MessageId(rest[..dataEnd])}\n");
                        replies.Write(Accepted);
                        inData = false;
                        start += consumed;
                        continue;
                    }
                    var eol = rest.IndexOf("\r\n"u8);
                    if (eol < 0)
                    {
                        break;
                    }
                    var verb = eol >= 4 ? Encoding.ASCII.GetString(rest[..4]).ToUpperInvariant() : string.Empty;
                    start += eol + 2;
                    switch (verb)
                    {
                        case "EHLO":
                            replies.Write(Ehlo);
                            break;
                        case "DATA":
                            replies.Write(GoAhead);
                            inData = true;
                            break;
                        case "QUIT":
                            replies.Write(Bye);
                            quit = true;
                            break;
                        default: // HELO, MAIL, RCPT, RSET, NOOP
                            replies.Write(Ok);
                            break;
                    }
                }
                if (replies.Length > 0)
                {
                    await socket.SendAsync(replies.GetBuffer().AsMemory(0, (int)replies.Length));
                }
                if (quit)
                {
                    return;
                }
                Buffer.BlockCopy(buffer, start, buffer, 0, filled - start);
                filled -= start;
            }
        }
        catch (SocketException)
        {
        }
        finally
        {
            socket.Dispose();
        }
    }

    /// <summary>The Message-ID header's value in the message's header block, or "-".</summary>
    private static string MessageId(ReadOnlySpan<byte> data)
    {
        var headersEnd = data.IndexOf("\r\n\r\n"u8);
        var headers = headersEnd < 0 ? data : data[..(headersEnd + 2)];
        Span<byte> lower = headers.Length <= 4096 ? stackalloc byte[headers.Length + 2] : new byte[headers.Length + 2];
        lower[0] = (byte)'\r';
        lower[1] = (byte)'\n';
        for (var i = 0; i < headers.Length; i++)
        {
            var b = headers[i];
            lower[i + 2] = b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b + 32) : b;
        }
        var at = lower.IndexOf(MessageIdHeader);
        if (at < 0)
        {
            return "-";
        }
        var value = headers[(at + MessageIdHeader.Length - 2)..];
        var eol = value.IndexOf("\r\n"u8);
        return Encoding.ASCII.GetString((eol < 0 ? value : value[..eol]).Trim(" \t"u8));
    }
}
