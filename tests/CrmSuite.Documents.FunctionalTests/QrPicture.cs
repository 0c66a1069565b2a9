using System.Buffers.Binary;
using System.IO.Compression;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace CrmSuite.Documents.FunctionalTests;

/// <summary>
/// Reads a QR code back from a PNG data URI with an independent decoder (ZXing), as a bank app's
/// camera would: the PNG is decoded here by the book (chunks, zlib, the five row filters, greyscale
/// or palette), so a broken picture fails instead of being trusted.
/// </summary>
internal static class QrPicture
{
    public static string Decode(string dataUri)
    {
        const string prefix = "data:image/png;base64,";
        Assert.StartsWith(prefix, dataUri);
        var (luminance, width, height) = Png(Convert.FromBase64String(dataUri[prefix.Length..]));
        var source = new RGBLuminanceSource(luminance, width, height, RGBLuminanceSource.BitmapFormat.Gray8);
        // PURE_BARCODE: the picture is the code itself, square and upright (ZXing's finder-pattern
        // search, made for camera photos, misses the alignment patterns of this size of code in a raw PNG).
        var hints = new Dictionary<DecodeHintType, object> { [DecodeHintType.CHARACTER_SET] = "UTF-8", [DecodeHintType.TRY_HARDER] = true, [DecodeHintType.PURE_BARCODE] = true };
        var result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), hints);
        Assert.NotNull(result);
        return result.Text;
    }

    private static (byte[] Luminance, int Width, int Height) Png(byte[] png)
    {
        Assert.Equal([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], png.Take(8));
        int width = 0, height = 0, bitDepth = 0, colourType = 0;
        byte[] palette = [];
        using var compressed = new MemoryStream();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            switch (type)
            {
                case "IHDR":
                    (width, height, bitDepth, colourType) = (BinaryPrimitives.ReadInt32BigEndian(data), BinaryPrimitives.ReadInt32BigEndian(data[4..]), data[8], data[9]);
                    Assert.Equal(0, data[12]); // not interlaced
                    break;
                case "PLTE":
                    palette = data.ToArray();
                    break;
                case "IDAT":
                    compressed.Write(data);
                    break;
            }
            at += 12 + length;
        }
        var channels = colourType switch { 0 or 3 => 1, 2 => 3, 4 => 2, 6 => 4, _ => throw new InvalidDataException("PNG colour type " + colourType) };
        var rowBytes = (width * channels * bitDepth + 7) / 8;
        var step = Math.Max(1, channels * bitDepth / 8);
        compressed.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }
        var raw = inflated.ToArray();
        var pixels = new byte[height * rowBytes];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (rowBytes + 1)];
            for (var x = 0; x < rowBytes; x++)
            {
                var value = raw[y * (rowBytes + 1) + 1 + x];
                int left = x >= step ? pixels[y * rowBytes + x - step] : 0;
                int up = y > 0 ? pixels[(y - 1) * rowBytes + x] : 0;
                int upLeft = x >= step && y > 0 ? pixels[(y - 1) * rowBytes + x - step] : 0;
                pixels[y * rowBytes + x] = (byte)(value + filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException("PNG filter " + filter),
                });
            }
        }
        var luminance = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                luminance[y * width + x] = Grey(pixels.AsSpan(y * rowBytes, rowBytes), x, bitDepth, colourType, palette);
            }
        }
        return (luminance, width, height);
    }

    private static byte Grey(ReadOnlySpan<byte> row, int x, int bitDepth, int colourType, byte[] palette)
    {
        if (bitDepth < 8)
        {
            var perByte = 8 / bitDepth;
            var sample = (row[x / perByte] >> (8 - bitDepth * (x % perByte + 1))) & ((1 << bitDepth) - 1);
            return colourType == 3
                ? (byte)((palette[sample * 3] + palette[sample * 3 + 1] + palette[sample * 3 + 2]) / 3)
                : (byte)(sample * 255 / ((1 << bitDepth) - 1));
        }
        return colourType switch
        {
            0 or 4 => row[x * (colourType == 0 ? 1 : 2)],
            3 => (byte)((palette[row[x] * 3] + palette[row[x] * 3 + 1] + palette[row[x] * 3 + 2]) / 3),
            _ => (byte)((row[x * (colourType == 2 ? 3 : 4)] + row[x * (colourType == 2 ? 3 : 4) + 1] + row[x * (colourType == 2 ? 3 : 4) + 2]) / 3),
        };
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
