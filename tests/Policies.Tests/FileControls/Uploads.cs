using System.Text;

namespace SpbeConnector.Policies.Tests.FileControls;

/// <summary>Multipart bodies written byte by byte, so that tests control every header of every part.</summary>
internal static class Uploads
{
    public const string Boundary = "----spbe-batas-7d1f";

    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R'];
    public static readonly byte[] EicarInPdf = Encoding.ASCII.GetBytes("%PDF-1.7\n% " + TestSupport.ClamdServer.Eicar + "\n%%EOF\n");

    public sealed record Part(string Name, string? FileName, string? ContentType, byte[] Content)
    {
        public static Part Text(string name, string value) => new(name, null, null, Encoding.UTF8.GetBytes(value));

        public static Part File(string name, string fileName, string contentType, byte[] content) => new(name, fileName, contentType, content);
    }

    public static byte[] Multipart(params Part[] parts)
    {
        using var body = new MemoryStream();
        foreach (var part in parts)
        {
            var head = new StringBuilder($"--{Boundary}\r\nContent-Disposition: form-data; name=\"{part.Name}\"");
            if (part.FileName is not null)
                head.Append($"; filename=\"{part.FileName}\"");
            head.Append("\r\n");
            if (part.ContentType is not null)
                head.Append($"Content-Type: {part.ContentType}\r\n");
            head.Append("\r\n");
            body.Write(Encoding.UTF8.GetBytes(head.ToString()));
            body.Write(part.Content);
            body.Write("\r\n"u8);
        }
        body.Write(Encoding.ASCII.GetBytes($"--{Boundary}--\r\n"));
        return body.ToArray();
    }

    /// <summary>A valid attachment upload: a file and the document type, plus any extra parts.</summary>
    public static byte[] Lampiran(string contentType, byte[] content, string fileName = "gambar-teknis.pdf", params Part[] extra) =>
        Multipart([Part.File("berkas", fileName, contentType, content), Part.Text("jenisDokumen", "GAMBAR_TEKNIS"), .. extra]);

    public static HttpRequestMessage Post(string path, byte[] body, string contentType = "multipart/form-data; boundary=" + Boundary) =>
        new(HttpMethod.Post, path) { Content = new ByteArrayContent(body) { Headers = { { "Content-Type", contentType } } } };
}
