using System.Text;

namespace SpbeConnector.Gateway.Edge;

/// <summary>
/// Decodes a Content-Length value for Kestrel keeping its digits and turning every other byte into <c>x</c>, which
/// no number parser accepts: Kestrel then refuses the request with its own 400 "invalid Content-Length", as RFC
/// 9112 section 6.3 asks (<c>Content-Length = 1*DIGIT</c>). Kestrel's default parser accepts a sign
/// (<c>Content-Length: +81</c>), which a stricter proxy in front reads differently: a request-smuggling desync risk.
/// </summary>
internal sealed class ContentLengthDigitsEncoding : Encoding
{
    public static readonly ContentLengthDigitsEncoding Instance = new();

    public override int GetCharCount(byte[] bytes, int index, int count) => count;

    public override int GetChars(byte[] bytes, int byteIndex, int byteCount, char[] chars, int charIndex)
    {
        for (var i = 0; i < byteCount; i++)
        {
            var b = bytes[byteIndex + i];
            chars[charIndex + i] = b is >= (byte)'0' and <= (byte)'9' ? (char)b : 'x';
        }
        return byteCount;
    }

    public override int GetMaxCharCount(int byteCount) => byteCount;

    // Kestrel only decodes request headers with it; encoding is plain ASCII for completeness.
    public override int GetByteCount(char[] chars, int index, int count) => count;

    public override int GetBytes(char[] chars, int charIndex, int charCount, byte[] bytes, int byteIndex) =>
        ASCII.GetBytes(chars, charIndex, charCount, bytes, byteIndex);

    public override int GetMaxByteCount(int charCount) => charCount;
}
