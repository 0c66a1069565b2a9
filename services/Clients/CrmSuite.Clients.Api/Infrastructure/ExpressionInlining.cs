using System.Linq.Expressions;

namespace CrmSuite.Clients.Api.Infrastructure;

/// <summary>
/// Lets a query reuse a projection: every call of a static marker method (by name) taking the projection's
/// input (e.g. <c>Shown(c)</c>) in <paramref name="query"/> is replaced by the projection's body,
/// so EF Core translates it into the SQL instead of loading whole entities to call it.
/// </summary>
public static class ExpressionInlining
{
    public static Expression<Func<TSource, TOut>> InlineInto<TSource, TOut>(this Expression<Func<TSource, TSource>> projection, string marker, Expression<Func<TSource, TOut>> query) =>
        (Expression<Func<TSource, TOut>>)new Inliner(projection, marker).Visit(query);

    private sealed class Inliner(LambdaExpression projection, string marker) : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.IsStatic && node.Method.Name == marker && node.Arguments.Count == 1 && node.Method.ReturnType == projection.ReturnType)
            {
                return new Replace(projection.Parameters[0], Visit(node.Arguments[0])).Visit(projection.Body);
            }
            return base.VisitMethodCall(node);
        }
    }

    private sealed class Replace(ParameterExpression parameter, Expression with) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? with : node;
    }
}
